package dev.sluice.state.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryEncodingTest {

  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        -1,
        63,
        -64,
        64,
        -65,
        127,
        128,
        300,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        Long.MAX_VALUE - 1,
        Long.MIN_VALUE + 1
      })
  void longsRoundTripInEveryEncoding(long value) {
    BinaryWriter w = new BinaryWriter(0);
    w.writeVarLong(value).writeUnsignedVarLong(value).writeLong(value);
    BinaryReader r = new BinaryReader(w.toByteArray());
    assertThat(r.readVarLong()).isEqualTo(value);
    assertThat(r.readUnsignedVarLong()).isEqualTo(value);
    assertThat(r.readLong()).isEqualTo(value);
    assertThat(r.isAtEnd()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {0, 1, -1, 63, -64, 64, 127, 128, 16383, 16384, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void intsRoundTripInEveryEncoding(int value) {
    BinaryWriter w = new BinaryWriter();
    w.writeVarInt(value).writeUnsignedVarInt(value).writeInt(value);
    BinaryReader r = new BinaryReader(w.toByteArray());
    assertThat(r.readVarInt()).isEqualTo(value);
    assertThat(r.readUnsignedVarInt()).isEqualTo(value);
    assertThat(r.readInt()).isEqualTo(value);
    assertThat(r.isAtEnd()).isTrue();
  }

  @Test
  void varintSizesAreCompact() {
    assertThat(new BinaryWriter().writeVarLong(0).size()).isEqualTo(1);
    assertThat(new BinaryWriter().writeVarLong(-64).size()).isEqualTo(1);
    assertThat(new BinaryWriter().writeVarLong(63).size()).isEqualTo(1);
    assertThat(new BinaryWriter().writeVarLong(64).size()).isEqualTo(2);
    assertThat(new BinaryWriter().writeVarLong(Long.MIN_VALUE).size()).isEqualTo(10);
    assertThat(new BinaryWriter().writeVarLong(Long.MAX_VALUE).size()).isEqualTo(10);
    assertThat(new BinaryWriter().writeUnsignedVarInt(-1).size()).isEqualTo(5);
    assertThat(new BinaryWriter().writeVarInt(Integer.MIN_VALUE).size()).isEqualTo(5);
    for (int bits = 0; bits < 32; bits++) {
      int v = bits == 0 ? 0 : 1 << (bits - 1);
      assertThat(Varints.sizeOfUnsignedInt(v))
          .as("size of %d", v)
          .isEqualTo(new BinaryWriter().writeUnsignedVarInt(v).size());
    }
    for (int bits = 0; bits < 64; bits++) {
      long v = bits == 0 ? 0 : 1L << (bits - 1);
      assertThat(Varints.sizeOfUnsignedLong(v))
          .isEqualTo(new BinaryWriter().writeUnsignedVarLong(v).size());
    }
  }

  @Test
  void encodingIsPinned() {
    BinaryWriter w = new BinaryWriter();
    w.writeVarLong(-2).writeUnsignedVarInt(300).writeLong(1).writeString("é").writeBoolean(true);
    w.writeNullFlag(true).writeNullableString("x").writeDouble(1.0);
    assertThat(HexFormat.of().formatHex(w.toByteArray()))
        .isEqualTo(
            "03"
                + "ac02"
                + "0000000000000001"
                + "02c3a9"
                + "01"
                + "00"
                + "010178"
                + "3ff0000000000000");
  }

  @Test
  void doublesAndFloatsRoundTripWithCanonicalNaN() {
    double[] doubles = {
      0.0,
      -0.0,
      1.5,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NaN
    };
    BinaryWriter w = new BinaryWriter();
    for (double d : doubles) {
      w.writeDouble(d).writeFloat((float) d);
    }
    BinaryReader r = new BinaryReader(w.toByteArray());
    for (double d : doubles) {
      assertThat(Double.doubleToRawLongBits(r.readDouble())).isEqualTo(Double.doubleToLongBits(d));
      assertThat(Float.floatToRawIntBits(r.readFloat())).isEqualTo(Float.floatToIntBits((float) d));
    }
    // Every NaN encodes the same, so equal SQL keys encode equally.
    double otherNaN = Double.longBitsToDouble(0x7ff8000000000abcL);
    assertThat(new BinaryWriter().writeDouble(otherNaN).toByteArray())
        .isEqualTo(new BinaryWriter().writeDouble(Double.NaN).toByteArray());
  }

  @Test
  void stringsRoundTrip() {
    String[] strings = {"", "a", "héllo", "日本語", "emoji 😀 and 𝄞", "x".repeat(1000), "\0nul"};
    BinaryWriter w = new BinaryWriter(1);
    for (String s : strings) {
      w.writeString(s);
    }
    w.writeNullableString(null).writeNullableString("");
    BinaryReader r = new BinaryReader(w.toByteArray());
    for (String s : strings) {
      assertThat(r.readString()).isEqualTo(s);
    }
    assertThat(r.readNullableString()).isNull();
    assertThat(r.readNullableString()).isEmpty();
    assertThat(r.isAtEnd()).isTrue();
  }

  @Test
  void bytesBooleansAndNullsRoundTrip() {
    BinaryWriter w = new BinaryWriter();
    w.writeBytes(new byte[0]).writeBytes(new byte[] {1, -1, 0}).writeNullableBytes(null);
    w.writeNullableBytes(new byte[] {7}).writeBoolean(false).writeBoolean(true).writeByte(-5);
    w.writeBytes(new byte[] {9, 8, 7, 6}, 1, 2).writeRaw(new byte[] {42, 43}, 0, 2);
    BinaryReader r = new BinaryReader(w.toByteArray());
    assertThat(r.readBytes()).isEmpty();
    assertThat(r.readBytes()).containsExactly(1, -1, 0);
    assertThat(r.readNullableBytes()).isNull();
    assertThat(r.readNullableBytes()).containsExactly(7);
    assertThat(r.readBoolean()).isFalse();
    assertThat(r.readBoolean()).isTrue();
    assertThat(r.readByte()).isEqualTo((byte) -5);
    assertThat(r.readBytes()).containsExactly(8, 7);
    assertThat(r.readRaw(2)).containsExactly(42, 43);
    assertThat(r.remaining()).isZero();
  }

  @Test
  void randomSequencesRoundTrip() {
    Random random = new Random(42);
    BinaryWriter w = new BinaryWriter(0);
    BinaryReader r = new BinaryReader(new byte[0]);
    for (int round = 0; round < 200; round++) {
      w.reset();
      long[] longs = new long[50];
      for (int i = 0; i < longs.length; i++) {
        longs[i] = random.nextLong() >> random.nextInt(64);
        w.writeVarLong(longs[i]);
      }
      r.reset(w.buffer(), 0, w.size());
      for (long l : longs) {
        assertThat(r.readVarLong()).isEqualTo(l);
      }
      assertThat(r.isAtEnd()).isTrue();
    }
  }

  @Test
  void readerWorksOnASlice() {
    byte[] bytes = {99, 99, 5, 99};
    BinaryReader r = new BinaryReader(bytes, 2, 1);
    assertThat(r.readVarInt()).isEqualTo(-3);
    assertThat(r.isAtEnd()).isTrue();
    assertThatThrownBy(r::readByte)
        .isInstanceOf(EncodingException.class)
        .hasMessageContaining("at byte 1");
  }

  @Test
  void malformedInputIsReportedWithItsPosition() {
    assertThatThrownBy(() -> new BinaryReader(new byte[] {1, 2, 3}).skip(1).readLong())
        .isInstanceOf(EncodingException.class)
        .hasMessage("cannot decode at byte 1: needs 8 bytes but only 2 remain");
    assertThatThrownBy(() -> new BinaryReader(new byte[] {(byte) 0x80}).readVarLong())
        .isInstanceOf(EncodingException.class)
        .hasMessageContaining("varint ends after 1 bytes");
    byte[] eleven = new byte[11];
    java.util.Arrays.fill(eleven, (byte) 0xff);
    assertThatThrownBy(() -> new BinaryReader(eleven).readVarLong())
        .isInstanceOf(EncodingException.class)
        .hasMessageContaining("longer than 10 bytes");
    byte[] bigInt = new BinaryWriter().writeUnsignedVarLong(1L << 40).toByteArray();
    assertThatThrownBy(() -> new BinaryReader(bigInt).readUnsignedVarInt())
        .isInstanceOf(EncodingException.class);
    assertThatThrownBy(() -> new BinaryReader(new byte[] {5, 'a'}).readString())
        .isInstanceOf(EncodingException.class)
        .hasMessageContaining("length 5 exceeds the 1 bytes that remain");
    assertThatThrownBy(() -> new BinaryReader(new byte[] {2}).readBoolean())
        .isInstanceOf(EncodingException.class)
        .hasMessageContaining("boolean");
    assertThatThrownBy(() -> new BinaryReader(new byte[] {3}).readNullFlag())
        .isInstanceOf(EncodingException.class)
        .hasMessageContaining("null marker");
  }

  @Test
  void writerGrowsAndResets() {
    BinaryWriter w = new BinaryWriter(0);
    for (int i = 0; i < 10_000; i++) {
      w.writeLong(i);
    }
    assertThat(w.size()).isEqualTo(80_000);
    w.reset();
    assertThat(w.size()).isZero();
    assertThat(w.writeByte(1).toByteArray()).containsExactly(1);
  }
}
