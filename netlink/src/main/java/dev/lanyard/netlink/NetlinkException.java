package dev.lanyard.netlink;

/**
 * The kernel refused a netlink request. Carries the operation ("add link veth0"), the errno and the
 * kernel's extended-ack text when it gave one (e.g. "Attribute failed policy validation").
 */
public final class NetlinkException extends ErrnoException {
  private final String kernelMessage;

  public NetlinkException(String operation, int code, String kernelMessage) {
    super(operation, code, kernelMessage, null);
    this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
  }

  /** The kernel's extended-ack message, or the empty string when it sent none. */
  public String kernelMessage() {
    return kernelMessage;
  }
}
