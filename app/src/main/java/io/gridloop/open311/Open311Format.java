package io.gridloop.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.MediaType;

/**
 * The two formats of every Open311 answer, from one tree of maps and lists: JSON as it is, XML with the element names
 * of GeoReport v2 (a list becomes its parent element with one child per item). A small writer on the JDK's StAX
 * rather than Jackson's XML module, which would also change how Spring answers the rest of the app.
 */
public enum Open311Format {
    JSON(MediaType.APPLICATION_JSON),
    XML(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> ITEM = Map.of("endpoints", "endpoint", "formats", "format",
            "attributes", "attribute", "values", "value", "services", "service", "service_requests", "request",
            "errors", "error");

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The format named by an endpoint's extension; none other is spoken. */
    public static Open311Format of(String extension) {
        if ("json".equals(extension)) {
            return JSON;
        }
        if ("xml".equals(extension)) {
            return XML;
        }
        throw new Open311Exception(404, "error.open311.format", String.valueOf(extension));
    }

    /** Writes the body; {@code root} names the XML document element (a list's items are named after it). */
    public String write(String root, Object body) {
        try {
            if (this == JSON) {
                return MAPPER.writeValueAsString(body);
            }
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            element(xml, root, body);
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (JsonProcessingException | XMLStreamException e) {
            throw new IllegalStateException("an Open311 answer could not be written", e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        xml.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                element(xml, String.valueOf(e.getKey()), e.getValue());
            }
        } else if (value instanceof List<?> list) {
            String item = ITEM.getOrDefault(name, "item");
            for (Object o : list) {
                element(xml, item, o);
            }
        } else {
            xml.writeCharacters(xmlSafe(String.valueOf(value)));
        }
        xml.writeEndElement();
    }

    /** Characters XML 1.0 cannot carry (control characters) are left out rather than breaking the document. */
    static String xmlSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || c >= 0x10000 && c <= 0x10FFFF).forEach(b::appendCodePoint);
        return b.toString();
    }
}
