/** Every error of the REST API as application/problem+json. */
package io.shikong.api.error;
