/** JSON documents of the REST API (also the model of the generated client). */
package io.shikong.api.rest.model;
