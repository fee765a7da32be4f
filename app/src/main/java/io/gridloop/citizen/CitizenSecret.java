package io.gridloop.citizen;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that signs what GridLoop hands citizens and checks when it comes back (a human check's answer, a rating link):
 * made once at random and kept in the database, so that every node signs alike and a mailed link outlives a restart.
 */
@Component
public class CitizenSecret {

    private static final String NAME = "citizen";
    private final byte[] key;

    public CitizenSecret(JdbcClient jdbc) {
        this.key = Base64.getDecoder().decode(load(jdbc));
    }

    private static String load(JdbcClient jdbc) {
        var existing = jdbc.sql("select secret from gl_secret where name = :n").param("n", NAME).query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            jdbc.sql("insert into gl_secret (name, secret) values (:n, :s)").param("n", NAME)
                    .param("s", Base64.getEncoder().encodeToString(fresh)).update();
        } catch (DuplicateKeyException otherNodeFirst) {
            // two nodes starting together: the first one's key wins
        }
        return jdbc.sql("select secret from gl_secret where name = :n").param("n", NAME).query(String.class).single();
    }

    /** HMAC-SHA256 of the text, URL-safe base64 without padding. */
    public String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the signature is the text's, compared in constant time. */
    public boolean verify(String text, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }
}
