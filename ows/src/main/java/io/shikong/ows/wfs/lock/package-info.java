/**
 * WFS locking (the "Locking WFS" conformance class): LockFeature, GetFeatureWithLock and the lock rules of
 * Transaction, on one in-process lock table.
 */
package io.shikong.ows.wfs.lock;
