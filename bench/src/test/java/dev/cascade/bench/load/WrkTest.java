package dev.cascade.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkTest {

  @Test
  void readsTheLineTheScriptPrints() {
    // given wrk's own output, then the script's done() line
    String output = """
        Running 10s test @ http://localhost:8080
          2 threads and 64 connections
          50123 requests in 10.00s, 9.87MB read
        Requests/sec:   5012.30
        BENCH requests=50123 duration_us=10000000 status_errors=23 connect_errors=0 read_errors=1 \
        write_errors=0 timeouts=2 p50_us=1500 p90_us=3000 p99_us=8000 p999_us=15000 max_us=40000
        """;
    // when
    Wrk.Result result = Wrk.Result.parse(output);
    // then
    assertThat(result.requests()).isEqualTo(50_123);
    assertThat(result.accepted()).isEqualTo(50_100);
    assertThat(result.socketErrors()).isEqualTo(3);
    assertThat(result.requestsPerSecond()).isEqualTo(5012.3);
    assertThat(result.p99Micros()).isEqualTo(8000);
    assertThat(result.p999Micros()).isEqualTo(15000);
  }

  @Test
  void failsClearlyWithoutTheLine() {
    assertThatThrownBy(() -> Wrk.Result.parse("unable to connect to localhost:8080"))
        .hasMessageContaining("no BENCH line");
  }

  @Test
  void theScriptShipsWithTheBench() {
    assertThat(Wrk.class.getResource("send-requests.lua")).isNotNull();
  }
}
