import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by hack/images.sh on the jlinked runtime, with nothing on the class path: exits 1 naming each
 * security provider conf/security/java.security lists that the runtime cannot load. In the images
 * such a provider is searched for over the programs' class path on the first lookup that no loaded
 * provider answers, and that search instantiates BouncyCastle's provider (see modules.txt).
 */
public final class ProviderCheck {
  public static void main(String[] args) {
    // An entry is a provider's name or its class's.
    List<String> loaded = Arrays.stream(Security.getProviders())
        .flatMap(provider -> Stream.of(provider.getName(), provider.getClass().getName())).toList();
    List<String> missing = new ArrayList<>();
    for (int i = 1; Security.getProperty("security.provider." + i) != null; i++) {
      String name = Security.getProperty("security.provider." + i).trim().split("\\s+")[0];
      if (!loaded.contains(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      System.err.println("providers java.security names but the runtime lacks: " + missing);
      System.exit(1);
    }
  }
}
