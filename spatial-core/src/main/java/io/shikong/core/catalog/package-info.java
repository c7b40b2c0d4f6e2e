/**
 * The layer catalog: the layers Shikong serves, their schemas and who may see them, loaded from one
 * YAML file and validated at start.
 */
package io.shikong.core.catalog;
