package io.shikong.ows.wfs.lock;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.ows.gml.GmlGeometryReader;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * What a Transaction says about locks (WFS 2.0 §15.2.3.1): the lock it works under and what to release
 * after it succeeds.
 *
 * @param lockId     the lock the client holds, or {@code null}
 * @param releaseAll releaseAction ALL (the default): release every feature of the lock; SOME: only the
 *                   features the transaction changed
 */
public record TransactionLock(String lockId, boolean releaseAll) {

    /** No lock: locked features cannot be changed. */
    public static final TransactionLock NONE = new TransactionLock(null, true);

    /**
     * Reads a wfs:Transaction root: the {@code lockId} attribute (WFS 2.0) or {@code wfs:LockId} element
     * (WFS 1.1 and 1.0), and {@code releaseAction}.
     */
    public static TransactionLock of(Element root) {
        String lockId = root.getAttribute("lockId").trim();
        if (lockId.isEmpty()) {
            for (Element c : GmlGeometryReader.elements(root)) {
                if (c.getLocalName().equals("LockId")) {
                    lockId = c.getTextContent().trim();
                }
            }
        }
        String release = root.getAttribute("releaseAction").trim().toUpperCase(Locale.ROOT);
        if (!release.isEmpty() && !release.equals("ALL") && !release.equals("SOME")) {
            throw new InvalidParameterException("releaseAction", "releaseAction is ALL or SOME, not '"
                    + root.getAttribute("releaseAction") + "'");
        }
        return new TransactionLock(lockId.isEmpty() ? null : lockId, !release.equals("SOME"));
    }
}
