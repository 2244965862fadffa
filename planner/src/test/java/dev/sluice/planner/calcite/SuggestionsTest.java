package dev.sluice.planner.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void suggestsTheClosestNameWithinAThirdOfItsLength() {
    assertThat(Suggestions.closest("prise", List.of("auction", "price", "url"))).contains("price");
    assertThat(Suggestions.didYouMean("nme", List.of("name", "id")))
        .isEqualTo(" Did you mean 'name'?");
    assertThat(Suggestions.closest("auctions_by_day", List.of("auction"))).isEmpty();
  }

  @Test
  void aOneCharacterNameIsNotCorrectedIntoAnother() {
    assertThat(Suggestions.closest("s", List.of("t"))).isEmpty();
    assertThat(Suggestions.closest("tz", List.of("ts"))).contains("ts");
  }

  @Test
  void theUnknownNameItselfIsNeverTheSuggestion() {
    assertThat(Suggestions.closest("user_id", List.of("user_id", "users"))).isEmpty();
    assertThat(Suggestions.closest("User_Id", List.of("user_id", "user_ids"))).contains("user_ids");
  }
}
