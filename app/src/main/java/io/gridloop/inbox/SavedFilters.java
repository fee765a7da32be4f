package io.gridloop.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An official's named inbox filters, kept between sessions. */
@Service
@Transactional
public class SavedFilters {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public SavedFilters(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Map<String, InboxQuery> of(String owner) {
        Map<String, InboxQuery> out = new LinkedHashMap<>();
        jdbc.sql("select name, definition from gl_saved_filter where owner = :o order by name").param("o", owner)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> {
                    try {
                        out.put(e.getKey(), json.readValue(e.getValue(), InboxQuery.class));
                    } catch (JsonProcessingException ex) {
                        // a filter saved by an older version that no longer reads is skipped, not fatal
                    }
                });
        return out;
    }

    public void save(String owner, String name, InboxQuery query) {
        String definition;
        try {
            definition = json.writeValueAsString(query.page(0, query.limit()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String n = name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new InboxException("form.maxLength", "name", 100);
        }
        int updated = jdbc.sql("update gl_saved_filter set definition = :d where owner = :o and name = :n")
                .param("d", definition).param("o", owner).param("n", n).update();
        if (updated == 0) {
            jdbc.sql("insert into gl_saved_filter (owner, name, definition) values (:o, :n, :d)")
                    .param("d", definition).param("o", owner).param("n", n).update();
        }
    }

    public void delete(String owner, String name) {
        jdbc.sql("delete from gl_saved_filter where owner = :o and name = :n").param("o", owner).param("n", name).update();
    }
}
