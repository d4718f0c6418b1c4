package dev.lanyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.ContainerOptions;
import dev.lanyard.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@code run --network}: a name, or Docker's long CSV form with per-network endpoint settings. */
class NetworkFlagProperties {
  @Property
  void theLongFormRoundTrips(@ForAll("names") String name, @ForAll @Size(max = 3) List<@From("names") String> aliases,
      @ForAll @IntRange(min = -1000, max = 1000) int priority, @ForAll("values") String optValue) {
    StringBuilder text = new StringBuilder("name=" + name);
    aliases.forEach(a -> text.append(",alias=").append(a));
    text.append(",ip=10.1.2.3,ip6=fd00::3,link-local-ip=169.254.1.1,gw-priority=").append(priority);
    // a value holding a comma or a quote is a quoted CSV field, quotes doubled
    text.append(",\"driver-opt=com.example.opt=").append(optValue.replace("\"", "\"\"")).append('"');
    NetworkFlag flag = NetworkFlag.parse(text.toString());
    assertThat(flag).isEqualTo(new NetworkFlag(name, aliases, Optional.of("10.1.2.3"), Optional.of("fd00::3"),
        List.of("169.254.1.1"), Map.of("com.example.opt", optValue.trim()), Optional.of(priority)));
  }

  @Property
  void aPlainNameIsJustTheNetwork(@ForAll("names") String name) {
    assertThat(NetworkFlag.parse(name)).isEqualTo(new NetworkFlag(name, List.of(), Optional.empty(),
        Optional.empty(), List.of(), Map.of(), Optional.empty()));
  }

  @Example
  void keysAreCaseInsensitiveAndValuesKeepTheirCase() {
    NetworkFlag flag = NetworkFlag.parse("NAME=Isolated_NW,Alias=App");
    assertThat(flag.name()).isEqualTo("Isolated_NW");
    assertThat(flag.aliases()).containsExactly("App");
  }

  @Example
  void badFieldsAreRefusedWithDockersWords() {
    assertThatThrownBy(() -> NetworkFlag.parse("alias=a")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("network name/id is not specified");
    assertThatThrownBy(() -> NetworkFlag.parse("name=n,colour=blue")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid field key colour");
    assertThatThrownBy(() -> NetworkFlag.parse("name=n,alias")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid field alias");
    assertThatThrownBy(() -> NetworkFlag.parse("name=n,driver-opt=novalue"))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid key value pair format in driver options");
    assertThatThrownBy(() -> NetworkFlag.parse("name=n,gw-priority=high"))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("\"high\"");
    assertThatThrownBy(() -> NetworkFlag.parse("name=n,mac-address=02:42:ac:11:00:02"))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("mac-address");
    assertThatThrownBy(() -> NetworkFlag.parse("name=n,\"alias=a")).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("quoted-field");
  }

  @Example
  void runPutsTheLongFormOnTheContainersEndpointAndRefusesTheSameSettingTwice() {
    ContainerCommands.Run run = new ContainerCommands.Run();
    run.network = "name=isolated_nw,alias=app,ip=172.25.3.3,gw-priority=2";
    ContainerOptions options = new ContainerOptions();
    run.configure(options, List.of());
    assertThat(options.network()).contains("isolated_nw");
    assertThat(options.endpoint().aliases()).containsExactly("app");
    assertThat(options.endpoint().ipv4().orElseThrow().getHostAddress()).isEqualTo("172.25.3.3");
    assertThat(options.endpoint().gwPriority()).isEqualTo(2);

    run.endpoint.ip = "172.25.3.4";
    assertThatThrownBy(() -> run.configure(new ContainerOptions(), List.of()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("conflicting options: cannot specify both --ip and per-network IPv4 address");
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_', '-', '.').ofMinLength(1).ofMaxLength(20)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
  }
}
