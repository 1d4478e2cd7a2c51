package dev.rustapp.controller.kube;

/**
 * An object with a child's name exists and is not the app's: someone else's Service, ServiceAccount
 * or Deployment. The controller leaves it alone and says so, rather than taking it over.
 */
public final class ForeignChildException extends RuntimeException {
  public ForeignChildException(String kind, String namespace, String name, String why) {
    super(kind + " " + namespace + "/" + name + " already exists and " + why + "; the controller leaves it alone: "
        + "delete or rename it, or give the RustApp another name");
  }
}
