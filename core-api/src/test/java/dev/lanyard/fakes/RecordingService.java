package dev.lanyard.fakes;

import dev.lanyard.Event;
import dev.lanyard.Networks;
import dev.lanyard.Subscription;
import dev.lanyard.spi.DriverContext;
import dev.lanyard.spi.NetworkService;
import dev.lanyard.spi.NetworkServiceProvider;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A {@link NetworkService} that records the events it is given, as the resolver will follow the model. */
public final class RecordingService implements NetworkServiceProvider {
  /** Every instance made, newest last, so a test can find the one of its controller. */
  public static final List<Instance> INSTANCES = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public NetworkService create(Networks networks, DriverContext context) {
    Instance i = new Instance(networks, context);
    INSTANCES.add(i);
    return i;
  }

  /** One service of one controller. */
  public static final class Instance implements NetworkService {
    public final Networks networks;
    public final DriverContext context;
    public final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    public volatile boolean closed;
    private final Subscription subscription;

    Instance(Networks networks, DriverContext context) {
      this.networks = networks;
      this.context = context;
      this.subscription = networks.subscribe(events::add);
    }

    @Override
    public void close() {
      subscription.close();
      closed = true;
    }
  }
}
