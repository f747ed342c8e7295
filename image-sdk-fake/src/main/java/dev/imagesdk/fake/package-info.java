/**
 * An in-memory fake Glance (v1, v2 and Keystone token endpoints) served over real HTTP on loopback.
 */
package dev.imagesdk.fake;
