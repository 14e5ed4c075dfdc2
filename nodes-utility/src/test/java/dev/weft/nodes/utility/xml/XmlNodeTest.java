package dev.weft.nodes.utility.xml;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.quote;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlNodeTest {

  private static Object toJson(String options, String xml) {
    return json(ok(single("XML", "weft.xml", "{ \"mode\": \"xmlToJson\"" + options + " }"),
        "[{\"data\": " + quote(xml) + "}]").items("XML")).get(0);
  }

  private static Object toXml(String options, String itemJson) {
    return json(ok(single("XML", "weft.xml", "{ \"mode\": \"jsonToXml\"" + options + " }"), "[" + itemJson + "]")
        .items("XML")).get(0).get("data");
  }

  @Test
  void parsesElementsKeepingTheRootAndIgnoringWhitespace() {
    Object result = toJson("", "<?xml version=\"1.0\" encoding=\"UTF-8\"?> <data> <id>1</id> <name>Adam Smith</name> </data>");

    assertThat(result).isEqualTo(parse("{\"data\": {\"id\": \"1\", \"name\": \"Adam Smith\"}}"));
  }

  @Test
  void repeatedElementsBecomeArraysAndAttributesAreMerged() {
    Object result = toJson("", "<order id=\"7\"><line sku=\"a\">2</line><line sku=\"b\">5</line><note/></order>");

    assertThat(result).isEqualTo(parse("""
        {"order": {"id": "7", "line": [{"sku": "a", "_": "2"}, {"sku": "b", "_": "5"}], "note": ""}}"""));
  }

  @Test
  void attributesCanStayUnderTheAttributeKeyAndEverythingInArrays() {
    Object result = toJson(", \"mergeAttributes\": false, \"explicitArray\": true, \"explicitRoot\": false, \"attributeKey\": \"@\"",
        "<order id=\"7\"><line>2</line></order>");

    assertThat(result).isEqualTo(parse("{\"@\": {\"id\": \"7\"}, \"line\": [\"2\"]}"));
  }

  @Test
  void trimsNormalizesAndLowerCasesOnRequest() {
    Object result = toJson(", \"trim\": true, \"normalizeWhitespace\": true, \"lowercaseTags\": true",
        "<Note>  many   spaces\n here </Note>");

    assertThat(result).isEqualTo(parse("{\"note\": \"many spaces here\"}"));
  }

  @Test
  void refusesExternalEntities() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><d>&xxe;</d>";
    var error = failure(single("XML", "weft.xml", "{ \"mode\": \"xmlToJson\" }"), "[{\"data\": " + quote(xxe) + "}]");

    assertThat(error.parameter()).isEqualTo("field");
    assertThat(error.message()).contains("DOCTYPE").contains("XXE");
    assertThat(error.message()).doesNotContain("root:");
  }

  @Test
  void refusesMalformedXml() {
    var error = failure(single("XML", "weft.xml", "{ \"mode\": \"xmlToJson\" }"), "[{\"data\": \"<a><b></a>\"}]");

    assertThat(error.message()).contains("not well-formed XML");
  }

  @Test
  void aMissingFieldIsNamed() {
    var error = failure(single("XML", "weft.xml", "{ \"mode\": \"xmlToJson\", \"field\": \"body\" }"), "[{\"data\": \"<a/>\"}]");

    assertThat(error.message()).contains("no field 'body'");
  }

  @Test
  void writesIndentedXmlWithDeclarationUsingTheSingleKeyAsRoot() {
    Object xml = toXml("", "{\"data\": {\"id\": 1, \"firstName\": \"Adam\"}}");

    assertThat(xml).isEqualTo("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <data>
          <id>1</id>
          <firstName>Adam</firstName>
        </data>""");
  }

  @Test
  void writesHeadlessXmlUnderTheRootNameWithAttributesArraysAndEscaping() {
    Object xml = toXml(", \"headless\": true, \"rootName\": \"order\"",
        "{\"$\": {\"id\": \"7\"}, \"line\": [\"a<b\", \"c\"], \"note\": {\"_\": \"x & y\", \"$\": {\"lang\": \"en\"}}, \"gone\": null}");

    assertThat(xml).isEqualTo("""
        <order id="7">
          <line>a&lt;b</line>
          <line>c</line>
          <note lang="en">x &amp; y</note>
          <gone/>
        </order>""");
  }

  @Test
  void writesCompactXmlAndCdataOnRequest() {
    Object xml = toXml(", \"headless\": true, \"pretty\": false, \"cdata\": true", "{\"a\": {\"b\": \"1 < 2\"}}");

    assertThat(xml).isEqualTo("<a><b><![CDATA[1 < 2]]></b></a>");
  }

  @Test
  void refusesAKeyThatCannotBeAnElementName() {
    var error = failure(single("XML", "weft.xml", "{ \"mode\": \"jsonToXml\" }"), "[{\"a\": {\"1st place\": 1}}]");

    assertThat(error.message()).contains("'1st place'").contains("element name");
  }
}
