package dev.sluice.execution.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class ArrowTypesTest {
  @Test
  void varbinaryIsArrowBinaryBothWays() {
    Field bytes = Field.nullable("payload", SqlType.VARBINARY);

    org.apache.arrow.vector.types.pojo.Field arrow = ArrowTypes.toArrow(bytes);

    assertThat(arrow.getType()).isEqualTo(ArrowType.Binary.INSTANCE);
    assertThat(arrow.isNullable()).isTrue();
    assertThat(ArrowTypes.fromArrow(arrow)).isEqualTo(bytes);
    assertThat(ArrowTypes.fromArrow(ArrowTypes.toArrow(Field.notNull("k", SqlType.VARBINARY))))
        .isEqualTo(Field.notNull("k", SqlType.VARBINARY));
    assertThat(SqlType.VARBINARY).hasToString("VARBINARY");
  }

  @Test
  void otherBinaryLayoutsAreRefusedNamingTheColumn() {
    var largeBinary =
        new org.apache.arrow.vector.types.pojo.Field(
            "blob", FieldType.nullable(ArrowType.LargeBinary.INSTANCE), null);

    assertThatThrownBy(() -> ArrowTypes.fromArrow(largeBinary))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE))
        .hasMessageContaining("LargeBinary")
        .hasMessageContaining("'blob'");
  }
}
