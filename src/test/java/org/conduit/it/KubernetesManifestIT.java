package org.conduit.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The manifests that `package` generates for running replicas on Kubernetes. */
class KubernetesManifestIT {

  private static final Path MANIFEST = Path.of("target", "kubernetes", "kubernetes.yml");

  @Test
  void describesADeploymentWithProbesResourcesAServiceAndSecrets() throws Exception {
    String yaml = Files.readString(MANIFEST);
    for (String expected :
        new String[] {
          "kind: Deployment",
          "kind: Service",
          "replicas: 2",
          "path: /q/health/live",
          "path: /q/health/ready",
          "memory: 512Mi",
          "cpu: 250m",
          "secretRef:",
          "name: conduit",
          "terminationGracePeriodSeconds: 45"
        }) {
      assertTrue(yaml.contains(expected), "missing \"" + expected + "\" in\n" + yaml);
    }
    assertTrue(!yaml.contains("kind: Job"), "a service, not a job");
  }
}
