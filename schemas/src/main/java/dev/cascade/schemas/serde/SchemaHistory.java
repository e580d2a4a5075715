package dev.cascade.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Earlier versions of each schema, shipped as resources under {@code avro/history/<Name>.v<N>.json}
 * (full schemas with their named types inlined) and listed in {@code avro/history/index.txt}. The
 * serde decodes records written with any of them; the compatibility test checks each current
 * schema can read them all.
 */
public final class SchemaHistory {

  private static final String DIRECTORY = "avro/history/";

  private SchemaHistory() {}

  /** Earlier versions of the schema with the given full name, oldest first. */
  public static List<Schema> earlierVersionsOf(String fullName) {
    String simpleName = fullName.substring(fullName.lastIndexOf('.') + 1);
    List<Schema> versions = new ArrayList<>();
    for (String file : index()) {
      if (file.startsWith(simpleName + ".v")) {
        versions.add(new Schema.Parser().parse(read(DIRECTORY + file)));
      }
    }
    return versions;
  }

  static List<String> index() {
    String text = read(DIRECTORY + "index.txt");
    return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  private static String read(String resource) {
    try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
