/** The feature and valid-time model: versions of features, and the changes that create them. */
package io.shikong.core.feature;
