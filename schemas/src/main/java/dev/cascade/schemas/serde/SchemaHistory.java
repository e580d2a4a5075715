package dev.cascade.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every shipped version of each schema, as resources under {@code avro/history/<Name>.v<N>.json}
 * (full schemas with their named types inlined) listed in {@code avro/history/index.txt}; the
 * newest usually equals the current schema. The serde decodes records written with any of them;
 * the compatibility test checks the current schema against them all.
 */
public final class SchemaHistory {

  private static final String DIRECTORY = "avro/history/";

  private SchemaHistory() {}

  /** Shipped versions of the schema with the given full name, oldest (v1) first. */
  public static List<Schema> earlierVersionsOf(String fullName) {
    String simpleName = fullName.substring(fullName.lastIndexOf('.') + 1);
    List<String> files = new ArrayList<>();
    for (String file : index()) {
      if (file.startsWith(simpleName + ".v")) {
        files.add(file);
      }
    }
    files.sort(Comparator.comparingInt(SchemaHistory::version));
    List<Schema> versions = new ArrayList<>();
    for (String file : files) {
      Schema schema = new Schema.Parser().parse(read(DIRECTORY + file));
      if (!schema.getFullName().equals(fullName)) {
        throw new IllegalStateException(
            file + " holds " + schema.getFullName() + ", not " + fullName);
      }
      versions.add(schema);
    }
    return versions;
  }

  /** N of {@code <Name>.v<N>.json}. */
  static int version(String file) {
    String rest = file.substring(file.lastIndexOf(".v") + 2);
    return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
  }

  static List<String> index() {
    String text = read(DIRECTORY + "index.txt");
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
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
