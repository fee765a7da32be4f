package io.gridloop.citizen;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The human check of the citizens' pages, with no outside service: a sum of two numbers drawn as a distorted picture on
 * the server. What the page keeps is a token (an id, its expiry, and a signature over both and the answer), so any
 * node can check an answer; each token is answered once (its id is written down, on any node, before the answer is
 * compared), so a wrong answer costs the token and a right one cannot be replayed.
 */
@Component
public class HumanCheck {

    public static final Duration VALID_FOR = Duration.ofMinutes(15);

    /** What the page shows and keeps: the token and the picture of the sum (PNG). */
    public record Challenge(String token, byte[] png) {}

    private final CitizenSecret secret;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final SecureRandom random = new SecureRandom();

    public HumanCheck(CitizenSecret secret, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.secret = secret;
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        // written down even when the report it guards is then refused and rolled back
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Challenge issue() {
        int a = 10 + random.nextInt(90);
        int b = 10 + random.nextInt(90);
        String id = UUID.randomUUID().toString().replace("-", "");
        long expires = clock.instant().plus(VALID_FOR).getEpochSecond();
        String token = id + "." + expires + "." + secret.sign(signed(id, expires, a + b));
        return new Challenge(token, draw(a + " + " + b + " = ?"));
    }

    /** Whether the answer is the token's, without using the token up (tests solve a challenge with it, as a person would). */
    boolean answers(String token, int answer) {
        String[] p = token == null ? new String[0] : token.split("\\.");
        return p.length == 3 && p[1].matches("\\d{1,12}") && secret.verify(signed(p[0], Long.parseLong(p[1]), answer), p[2]);
    }

    /** Uses the token up and checks the answer; refuses a missing, expired, used or wrong one. */
    public void verify(String token, String answer) {
        String[] p = token == null ? new String[0] : token.strip().split("\\.");
        if (p.length != 3 || !p[0].matches("[0-9a-f]{32}") || !p[1].matches("\\d{1,12}")) {
            throw new CitizenRefusedException(400, "error.citizen.check.missing");
        }
        long expires = Long.parseLong(p[1]);
        if (Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            throw new CitizenRefusedException(400, "error.citizen.check.expired");
        }
        if (!useUp(p[0], expires)) {
            throw new CitizenRefusedException(400, "error.citizen.check.used");
        }
        String given = answer == null ? "" : answer.strip();
        if (!given.matches("\\d{1,4}") || !secret.verify(signed(p[0], expires, Integer.parseInt(given)), p[2])) {
            throw new CitizenRefusedException(400, "error.citizen.check.wrong");
        }
    }

    private boolean useUp(String id, long expires) {
        OffsetDateTime until = OffsetDateTime.ofInstant(Instant.ofEpochSecond(expires), clock.getZone());
        Boolean fresh = ownTransaction.execute(tx -> {
            jdbc.sql("delete from gl_human_check_used where expires_at < :now").param("now", OffsetDateTime.now(clock)).update();
            try {
                jdbc.sql("insert into gl_human_check_used (id, expires_at) values (:id, :until)").param("id", id)
                        .param("until", until).update();
                return true;
            } catch (DuplicateKeyException used) {
                tx.setRollbackOnly();
                return false;
            }
        });
        return Boolean.TRUE.equals(fresh);
    }

    private static String signed(String id, long expires, int answer) {
        return "check|" + id + "|" + expires + "|" + answer;
    }

    private byte[] draw(String text) {
        int w = 220;
        int h = 64;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(245, 247, 250));
            g.fillRect(0, 0, w, h);
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 0; i < 8; i++) {
                g.setColor(new Color(120 + random.nextInt(100), 120 + random.nextInt(100), 120 + random.nextInt(100)));
                g.drawLine(random.nextInt(w), random.nextInt(h), random.nextInt(w), random.nextInt(h));
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
            int x = 10;
            for (char c : text.toCharArray()) {
                g.setColor(new Color(20 + random.nextInt(60), 30 + random.nextInt(60), 60 + random.nextInt(90)));
                double angle = (random.nextDouble() - 0.5) * 0.5;
                int y = 42 + random.nextInt(10) - 5;
                g.rotate(angle, x, y);
                g.drawString(String.valueOf(c), x, y);
                g.rotate(-angle, x, y);
                x += c == ' ' ? 8 : 18;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
