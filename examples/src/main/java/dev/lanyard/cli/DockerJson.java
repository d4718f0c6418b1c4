package dev.lanyard.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON as the Docker CLI prints it: {@code inspect} documents indented by four spaces with {@code "Key": value}
 * and {@code {}} / {@code []} for empty containers; {@code --format json} lines compact. Also the small part of
 * Go templates the guide uses: {@code {{json .A.B}}} and {@code {{.A.B}}}. Stateless and thread-safe.
 */
final class DockerJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(json\\s+)?\\.([A-Za-z0-9_.]*)\\s*}}");

  private DockerJson() {}

  /** An inspect document (record with Jackson names) as a tree. */
  static JsonNode tree(Object document) {
    return MAPPER.valueToTree(document);
  }

  /**
   * A {@code network inspect} document as Docker prints it: the keys of an IPAM config entry are
   * {@code omitempty} in Docker's API types, so empty ones are left out.
   */
  static JsonNode networkTree(dev.lanyard.inspect.NetworkInspect document) {
    JsonNode tree = tree(document);
    for (JsonNode entry : tree.path("IPAM").path("Config")) {
      if (entry instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        for (String key : List.of("Subnet", "IPRange", "Gateway", "AuxiliaryAddresses")) {
          JsonNode v = o.get(key);
          if (v != null && (v.isNull() || (v.isContainerNode() && v.isEmpty()) || (v.isTextual() && v.asText().isEmpty()))) {
            o.remove(key);
          }
        }
      }
    }
    return tree;
  }

  /** {@code docker … inspect}: the documents as one indented JSON array. */
  static String inspectArray(List<JsonNode> documents) {
    ArrayNode array = MAPPER.createArrayNode();
    documents.forEach(array::add);
    return indented(array);
  }

  static String indented(JsonNode node) {
    try {
      return MAPPER.writer(new DockerPrinter()).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON tree not writable", e);
    }
  }

  static String compact(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("value not writable as JSON: " + value, e);
    }
  }

  /**
   * Applies a {@code --format} template to a document: {@code {{json .NetworkSettings.Networks}}} gives compact
   * JSON, {@code {{.Name}}} the plain value; text around the actions is kept.
   */
  static String format(String template, JsonNode document) {
    Matcher m = TEMPLATE.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    boolean any = false;
    while (m.find()) {
      any = true;
      out.append(template, last, m.start());
      JsonNode value = document;
      if (!m.group(2).isEmpty()) {
        for (String field : m.group(2).split("\\.")) {
          value = value == null ? null : value.get(field);
        }
      }
      if (value == null) {
        throw new TemplateException("template: :1: executing \"\" at <." + m.group(2) + ">: map has no entry for key \""
            + m.group(2) + "\"");
      }
      out.append(m.group(1) != null ? compact(value) : plain(value));
      last = m.end();
    }
    if (!any && template.contains("{{")) {
      throw new TemplateException("template parsing error: unsupported template " + template);
    }
    out.append(template.substring(last));
    return out.toString();
  }

  private static String plain(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isNull()) {
      return "<no value>";
    }
    if (value.isContainerNode()) {
      return compact(value);
    }
    return value.asText();
  }

  /** A {@code --format} the template subset cannot run. */
  static final class TemplateException extends RuntimeException {
    TemplateException(String message) {
      super(message);
    }
  }

  /** Go's {@code json.MarshalIndent(v, "", "    ")} layout. */
  private static final class DockerPrinter extends DefaultPrettyPrinter {
    DockerPrinter() {
      super(DefaultPrettyPrinter.DEFAULT_ROOT_VALUE_SEPARATOR);
      DefaultIndenter four = new DefaultIndenter("    ", "\n");
      indentObjectsWith(four);
      indentArraysWith(four);
      _separators = Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    DockerPrinter(DockerPrinter base) {
      super(base);
    }

    @Override
    public DockerPrinter createInstance() {
      return new DockerPrinter(this);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      if (entries == 0) {
        _nesting--;
        g.writeRaw('}');
        return;
      }
      super.writeEndObject(g, entries);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      if (values == 0) {
        _nesting--;
        g.writeRaw(']');
        return;
      }
      super.writeEndArray(g, values);
    }
  }
}
