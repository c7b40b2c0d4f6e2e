/** The REST API under {@code /api/v1}: one sub-package per resource. */
package io.shikong.api.rest;
