package dev.weft.app;

import dev.weft.internal.Jackson;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads workflow files and run input for the commands, turning every failure into a message for a person. */
final class WorkflowFiles {
  private WorkflowFiles() {}

  /** A failure the user must fix; exit code 2. */
  static final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }

  static Workflow read(Path file) throws BadInput {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInput("no such file: " + file);
    } catch (IOException e) {
      throw new BadInput("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return Workflow.fromJson(text);
    } catch (WorkflowException e) {
      throw new BadInput(file + ": " + e.getMessage());
    }
  }

  /** Items from {@code --input}: JSON text or {@code @file}; an object is one item, a list is one item per entry. */
  @SuppressWarnings("unchecked")
  static List<Item> input(String spec) throws BadInput {
    if (spec == null) {
      return List.of(Item.empty());
    }
    String text = spec;
    if (spec.startsWith("@")) {
      try {
        text = Files.readString(Path.of(spec.substring(1)));
      } catch (IOException e) {
        throw new BadInput("cannot read input file " + spec.substring(1) + ": " + e.getMessage());
      }
    }
    Object value;
    try {
      value = Jackson.parse(text);
    } catch (IOException e) {
      throw new BadInput("--input is not valid JSON: " + e.getMessage());
    }
    List<Item> items = new ArrayList<>();
    if (value instanceof Map<?, ?> m) {
      items.add(Item.of((Map<String, Object>) m));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object entry = list.get(i);
        if (!(entry instanceof Map<?, ?> m)) {
          throw new BadInput("--input[" + i + "] must be a JSON object, got " + dev.weft.spi.Json.typeOf(entry));
        }
        Object json = m.containsKey("json") && m.size() <= 3 && m.get("json") instanceof Map ? m.get("json") : m;
        items.add(Item.of((Map<String, Object>) json));
      }
    } else {
      throw new BadInput("--input must be a JSON object or a list of objects");
    }
    return items;
  }
}
