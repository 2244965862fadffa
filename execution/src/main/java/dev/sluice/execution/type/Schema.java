package dev.sluice.execution.type;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** An ordered list of fields: the shape of every batch on an edge of the plan. */
public record Schema(List<Field> fields) {
  public Schema {
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
  }

  public static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }

  public int size() {
    return fields.size();
  }

  public Field field(int index) {
    return fields.get(index);
  }

  public List<String> names() {
    return fields.stream().map(Field::name).toList();
  }

  /** The index of the field with this name, compared case-insensitively, as SQL does. */
  public Optional<Integer> indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
