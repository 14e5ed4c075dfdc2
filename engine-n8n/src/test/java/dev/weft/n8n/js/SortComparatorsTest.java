package dev.weft.n8n.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SortComparatorsTest {

  @Test
  void readsTheFieldAndDirectionOfAOneFieldComparator() throws Exception {
    assertThat(SortComparators.fieldOrder("""
        // compare by one field
        fieldName = 'price';
        if (a.json[fieldName] < b.json[fieldName]) {
          return -1;
        }
        if (a.json[fieldName] > b.json[fieldName]) {
          return 1;
        }
        return 0;
        """)).isEqualTo(new SortComparators.FieldOrder("price", false));
    assertThat(SortComparators.fieldOrder(
        "const f = 'name'; if (a.json[f] > b.json[f]) return -1; if (b.json[f] > a.json[f]) return 1; return 0"))
        .isEqualTo(new SortComparators.FieldOrder("name", true));
    assertThat(SortComparators.fieldOrder(
        "if (b.json.age > a.json.age) { return -1 } if (a.json['age'] > b.json['age']) { return 1 } return 0;"))
        .isEqualTo(new SortComparators.FieldOrder("age", false));
  }

  @Test
  void anyOtherComparatorIsLogicNamingTheStatement() {
    assertThatThrownBy(() -> SortComparators.fieldOrder("return a.json.x - b.json.x"))
        .isInstanceOf(UntranslatableException.class).hasMessageContaining("the comparator's last return is not 0");
    assertThatThrownBy(() -> SortComparators.fieldOrder(
        "if (a.json.x < b.json.y) return -1; if (a.json.x > b.json.y) return 1; return 0;"))
        .hasMessageContaining("more than one field");
    assertThatThrownBy(() -> SortComparators.fieldOrder("if (a.json.x < b.json.x) return -1; return 0;"))
        .hasMessageContaining("does not order both ways");
    assertThatThrownBy(() -> SortComparators.fieldOrder(
        "if (a.json.x < b.json.x) { console.log(a); return -1; } return 0;"))
        .hasMessageContaining("does more than return -1 or 1");
    assertThatThrownBy(() -> SortComparators.fieldOrder(
        "if (a.json.x.toLowerCase() < b.json.x) return -1; if (a.json.x > b.json.x) return 1; return 0;"))
        .hasMessageContaining("something other than a field of a.json or b.json")
        .satisfies(e -> assertThat(((UntranslatableException) e).javaScript())
            .startsWith("if (a.json.x.toLowerCase() < b.json.x)"));
  }
}
