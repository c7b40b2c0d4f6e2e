/** {@code /api/v1/redline/checks}: ecological red-line compliance checks, stored, as JSON, PNG map and PDF. */
package io.shikong.api.rest.redline;
