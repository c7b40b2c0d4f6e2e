/**
 * The only HTTP layer of Shikong and its composition root: REST under {@code /api/v1}, the OpenAPI
 * document, security, health. Controllers are thin: they parse parameters into the core {@code Query}
 * and stream what the store returns.
 */
package io.shikong.api;
