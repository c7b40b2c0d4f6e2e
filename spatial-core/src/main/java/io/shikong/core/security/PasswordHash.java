package io.shikong.core.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords and API keys stored hashed: PBKDF2-HMAC-SHA256 of the JDK ({@code PBKDF2WithHmacSHA256}) with a
 * random 16-byte salt, in a self-describing string that carries everything needed to check it again:
 *
 * <pre>pbkdf2-sha256$600000$&lt;salt, base64url&gt;$&lt;32-byte hash, base64url&gt;</pre>
 *
 * (the layout of the PHC string format; no {@code :} or {@code ,}, so it fits the
 * {@code name:hash:role+role,...} lists of the configuration). Hand-written around the JDK because the JDK
 * has the algorithm and no library in the stack formats it; Micronaut Security has no password encoder.
 *
 * <p>Degenerate inputs: {@link #verify} answers false for anything that is not such a string (a plain-text
 * password, a wrong prefix, bad base64, iterations below {@link #MIN_ITERATIONS}); it never throws for a bad
 * stored value. An empty password can be hashed and checked like any other.
 */
public final class PasswordHash {

    /** The prefix naming the algorithm. */
    public static final String PREFIX = "pbkdf2-sha256$";
    /** Iterations of new hashes: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this are refused as too cheap to guess against. */
    public static final int MIN_ITERATIONS = 10_000;
    /** Bounds the work one stored string can ask for (a typo of a few zeros must not stall every login). */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private PasswordHash() {
    }

    /** The hash of {@code secret} with a fresh salt and {@link #DEFAULT_ITERATIONS}. */
    public static String hash(char[] secret) {
        return hash(secret, DEFAULT_ITERATIONS);
    }

    /**
     * The hash of {@code secret} with a fresh salt.
     *
     * @throws IllegalArgumentException when {@code iterations} is outside [{@link #MIN_ITERATIONS}, {@link #MAX_ITERATIONS}]
     */
    public static String hash(char[] secret, int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS + ", was " + iterations);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derive(secret, salt, iterations, 32));
    }

    /** Whether {@code stored} looks like a hash of this class (it may still be malformed). */
    public static boolean isHash(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * Whether {@code stored} is well formed ({@code null} when it is), else what is wrong with it: for
     * configuration checks at start, naming the problem without showing the value.
     */
    public static String problem(String stored) {
        if (!isHash(stored)) {
            return "is not a " + PREFIX + "... hash (make one with: bin/shikong hash-password)";
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            return "must be " + PREFIX + "<iterations>$<salt>$<hash>";
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            return "has no whole number of iterations";
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            return "must have between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS + " iterations, has " + iterations;
        }
        try {
            if (B64D.decode(parts[1]).length < 8) {
                return "has a salt shorter than 8 bytes";
            }
            if (B64D.decode(parts[2]).length < 16) {
                return "has a hash shorter than 16 bytes";
            }
        } catch (IllegalArgumentException e) {
            return "has a salt or hash that is not base64url";
        }
        return null;
    }

    /** Whether {@code secret} matches {@code stored}; false for a malformed stored value. Compares in constant time. */
    public static boolean verify(String stored, char[] secret) {
        if (problem(stored) != null) {
            return false;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        int iterations = Integer.parseInt(parts[0]);
        byte[] salt = B64D.decode(parts[1]);
        byte[] expected = B64D.decode(parts[2]);
        return MessageDigest.isEqual(expected, derive(secret, salt, iterations, expected.length));
    }

    /** The SHA-256 of a secret: a key for caches of checked credentials, never stored. */
    public static byte[] digest(String realm, char[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(realm.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            sha.update(b);
            Arrays.fill(b, (byte) 0);
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] derive(char[] secret, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
