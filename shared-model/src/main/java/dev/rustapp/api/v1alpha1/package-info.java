/**
 * The {@code rustapp.dev/v1alpha1} API: {@code RustApp} (what a team declares) and
 * {@code RustAppPolicy} (what cluster admins require). The CRDs are generated from these types.
 */
package dev.rustapp.api.v1alpha1;
