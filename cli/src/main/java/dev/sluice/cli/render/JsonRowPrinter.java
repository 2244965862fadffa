package dev.sluice.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import dev.sluice.execution.type.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * JSON lines: one object a row, keyed by column name in the schema's order. Numbers and booleans
 * are JSON numbers and booleans (DECIMAL keeps its digits), NULL is {@code null}, arrays are
 * arrays, and everything else (timestamps, dates, binary) the string a table shows.
 */
final class JsonRowPrinter implements RowPrinter {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public void rows(PrintWriter out, Schema schema, List<Row> rows) {
    for (Row row : rows) {
      out.println(object(schema, row, null));
    }
  }

  @Override
  public void batch(PrintWriter out, Schema schema, long batchId, List<Row> rows, boolean first) {
    for (Row row : rows) {
      out.println(object(schema, row, batchId));
    }
  }

  private static String object(Schema schema, Row row, Long batchId) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      if (batchId != null) {
        json.writeNumberField(BATCH_COLUMN, batchId);
      }
      for (int i = 0; i < schema.size(); i++) {
        json.writeFieldName(schema.field(i).name());
        value(json, row.get(i));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void value(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        json.writeNumber(number);
      } else {
        json.writeString(Double.toString(number)); // JSON has no NaN or Infinity
      }
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        value(json, element);
      }
      json.writeEndArray();
    } else {
      json.writeString(TableFormatter.cell(value));
    }
  }
}
