/** Health indicators beyond Micronaut's own: the feature store. */
package io.shikong.api.health;
