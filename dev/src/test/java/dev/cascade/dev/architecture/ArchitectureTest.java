package dev.cascade.dev.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.regex.Pattern;

/**
 * The dependency rules of the code base, checked on the production classes of every module: this module depends on all
 * the service modules, so its test class path holds every {@code dev.cascade} class.
 */
@AnalyzeClasses(
    packages = "dev.cascade",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
class ArchitectureTest {

  /** Packages holding the pure logic: what to do, never how it travels. */
  private static final String[] PURE_PACKAGES = {
    "dev.cascade.fallback.orchestration..",
    "dev.cascade.fallback.watermarks..",
    "dev.cascade.platform.sms..",
    "dev.cascade.platform.content..",
    "dev.cascade.platform.channels..",
    "dev.cascade.platform.requests..",
  };

  /** Kafka and HTTP, client and server side. */
  private static final String[] TRANSPORT_PACKAGES = {
    "org.apache.kafka..",
    "io.javalin..",
    "org.eclipse.jetty..",
    "java.net.http..",
    "com.sun.net.httpserver..",
    "jakarta.servlet..",
  };

  @ArchTest
  static final ArchRule pure_logic_knows_neither_kafka_nor_http = noClasses()
      .that()
      .resideInAnyPackage(PURE_PACKAGES)
      .should()
      .dependOnClassesThat()
      .resideInAnyPackage(TRANSPORT_PACKAGES)
      .because(
          "orchestration and channel, content, request and SMS rules are pure: services wire them to"
              + " Kafka and HTTP");

  @ArchTest
  static final ArchRule channel_worker_providers_are_independent = slices()
      .matching("dev.cascade.workers.(*)..")
      .that(notNamed("provider"))
      .should()
      .notDependOnEachOther()
      .because(
          "a provider of channel-workers uses only the shared dev.cascade.workers.provider package");

  @ArchTest
  static final ArchRule dlr_ingest_providers_are_independent = slices()
      .matching("dev.cascade.dlringest.(*)..")
      .that(notNamed("reports"))
      .should()
      .notDependOnEachOther()
      .because(
          "a provider's report parsing in dlr-ingest uses only the shared dev.cascade.dlringest.reports package");

  @ArchTest
  static final ArchRule no_cycles_between_packages = slices()
      .matching("dev.cascade.(**)")
      .should()
      .beFreeOfCycles()
      .because(
          "dependencies between packages go one way, so a package can be read and changed on its own");

  private static DescribedPredicate<Slice> notNamed(String name) {
    return DescribedPredicate.describe(
        "are not " + name, slice -> !slice.getNamePart(1).equals(name));
  }

  /**
   * Leaves out classes of test jars (the platform module's test-jar is on this module's test class path; outside a
   * reactor build it is a {@code -tests.jar}, which {@link ImportOption.DoNotIncludeTests} does not recognise).
   */
  static final class DoNotIncludeTestJars implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
      return !location.matches(TEST_JAR);
    }
  }
}
