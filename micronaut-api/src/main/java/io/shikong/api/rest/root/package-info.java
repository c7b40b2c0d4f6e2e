/** The API root {@code /api/v1}: links to every resource family and the OpenAPI document. */
package io.shikong.api.rest.root;
