package io.gridloop.open311;

import io.gridloop.system.Rows;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Official;
import io.gridloop.security.Roles;
import io.gridloop.system.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Open311 clients' API keys. An administrator issues a key (shown once) and revokes it; GridLoop keeps only the
 * SHA-256 of the key, which is enough for 256 random bits (no dictionary to guess from, so no slow hash is needed).
 */
@Service
@Transactional
public class Open311Keys {

    /** A key row as {@link ApiKey} reads it (mapped by column name; never the hash). */
    private static final String SELECT =
            "select id, label, key_hint as hint, created_by, created_at, revoked_by, revoked_at from gl_open311_key ";

    public static final int MAX_LABEL = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentOfficial current;

    public Open311Keys(JdbcClient jdbc, Clock clock, CurrentOfficial current) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.current = current;
    }

    /** A new key and its label as issued: the only moment the key itself is known. */
    public record IssuedKey(ApiKey key, String secret) {}

    /** Issues a key for a client system; administrators only. */
    public IssuedKey issue(String label) {
        Official admin = requireAdmin();
        String name = label == null ? "" : label.strip();
        if (name.isEmpty()) {
            throw new UserFacingException("error.open311.labelMissing");
        }
        if (name.length() > MAX_LABEL) {
            throw new UserFacingException("error.open311.labelTooLong", MAX_LABEL);
        }
        StringBuilder secret = new StringBuilder("gl311_");
        // 52 characters of a 32-letter alphabet: 260 random bits
        for (int i = 0; i < 52; i++) {
            secret.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
        }
        long id = store(name, secret.toString(), admin.userId());
        return new IssuedKey(get(id).orElseThrow(), secret.toString());
    }

    /** Stores a key given by GridLoop itself (the embedded default's demo key); nothing when it exists already. */
    void ensure(String label, String secret, String by) {
        if (jdbc.sql("select count(*) from gl_open311_key where key_hash = :h").param("h", hash(secret)).query(Integer.class).single() == 0) {
            store(label, secret, by);
        }
    }

    private long store(String label, String secret, String by) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into gl_open311_key (label, key_hash, key_hint, created_by, created_at) values (:label, :hash, :hint, :by, :at)")
                .param("label", label)
                .param("hash", hash(secret))
                .param("hint", secret.substring(0, Math.min(8, secret.length())))
                .param("by", by)
                .param("at", OffsetDateTime.now(clock))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Revokes a key at once: its next call is refused. Administrators only; revoking twice changes nothing. */
    public void revoke(long id) {
        Official admin = requireAdmin();
        int changed = jdbc.sql("update gl_open311_key set revoked_by = :by, revoked_at = :at where id = :id and revoked_at is null")
                .param("by", admin.userId()).param("at", OffsetDateTime.now(clock)).param("id", id).update();
        if (changed == 0 && get(id).isEmpty()) {
            throw new UserFacingException("error.open311.keyUnknown");
        }
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        requireAdmin();
        return jdbc.sql(SELECT + "order by id desc").query(Rows.of(ApiKey.class)).list();
    }

    /** The live key a client presented, if any: unknown and revoked keys are both "no key". */
    @Transactional(readOnly = true)
    public Optional<ApiKey> verify(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + "where key_hash = :h and revoked_at is null").param("h", hash(secret.strip()))
                .query(Rows.of(ApiKey.class)).optional();
    }

    private Optional<ApiKey> get(long id) {
        return jdbc.sql(SELECT + "where id = :id").param("id", id).query(Rows.of(ApiKey.class)).optional();
    }

    private Official requireAdmin() {
        Official o = current.get().orElseThrow(AdminOnlyException::new);
        if (!o.isIn(Roles.ADMIN)) {
            throw new AdminOnlyException();
        }
        return o;
    }

    /** Keys are the administrators' business: anyone else is refused (403 through an API). */
    public static class AdminOnlyException extends UserFacingException {
        public AdminOnlyException() {
            super("error.open311.adminOnly");
        }

        @Override
        public int httpStatus() {
            return 403;
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
