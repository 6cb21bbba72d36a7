package dev.xent.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelBuildingResult;
import org.apache.maven.model.building.ModelSource2;
import org.apache.maven.model.io.DefaultModelReader;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maven Central's rules for every published pom, checked on the effective models Maven itself builds
 * (maven-model-builder: inheritance, the parent's inherit.append.path settings, interpolation), so an
 * inherited value counts exactly as it will on Central. A module is published unless its pom sets
 * {@code maven.deploy.skip}; a new module is therefore checked the moment it joins the reactor.
 */
class PublicationMetadataTest {
    private static final Path ROOT = Path.of(System.getProperty("xent.rootDirectory", "..")).toAbsolutePath().normalize();
    private static final List<String> PUBLISHED = List.of("xent-parent", "xent-core", "xent-autodiff", "xent-train",
            "xent-losses-binary", "xent-losses-multiclass", "xent-cli", "xent-testkit", "xent-bom");
    private static final List<String> NOT_PUBLISHED = List.of("xent-example-custom-loss",
            "xent-example-library-usage", "xent-integration-tests", "xent-bench");

    /** artifactId to its build result, for the root pom and every module below it. */
    private static final Map<String, ModelBuildingResult> MODULES = new TreeMap<>();

    @BeforeAll
    static void buildEveryModulesEffectiveModel() throws ModelBuildingException {
        collect(ROOT.resolve("pom.xml"));
    }

    private static void collect(Path pom) throws ModelBuildingException {
        ModelBuildingResult result = effectiveModel(pom);
        MODULES.put(result.getEffectiveModel().getArtifactId(), result);
        for (String module : result.getRawModel().getModules()) {
            collect(pom.getParent().resolve(module).resolve("pom.xml"));
        }
    }

    @Test
    void everyPublishedModuleHasNameDescriptionUrlLicencesScmAndDevelopers() {
        List<String> problems = new ArrayList<>();
        MODULES.forEach((artifactId, result) -> {
            if (published(result.getEffectiveModel())) {
                problems.addAll(missingMetadata(artifactId, result));
            }
        });
        assertTrue(problems.isEmpty(), () -> "publication metadata (docs/releasing.md):\n  " + String.join("\n  ", problems));
    }

    @Test
    void exactlyTheLibraryModulesAndTheCommandLineArePublished() {
        for (String artifactId : PUBLISHED) {
            assertTrue(published(model(artifactId)), artifactId + " must be published");
        }
        for (String artifactId : NOT_PUBLISHED) {
            Properties properties = model(artifactId).getProperties();
            for (String skip : List.of("maven.deploy.skip", "maven.javadoc.skip", "maven.source.skip")) {
                assertEquals("true", properties.getProperty(skip), artifactId + " is not published: " + skip);
            }
        }
    }

    @Test
    void publishedModulesAttachSourcesAndJavadoc() {
        MODULES.forEach((artifactId, result) -> {
            Model model = result.getEffectiveModel();
            if (published(model) && "jar".equals(model.getPackaging())) {
                for (String skip : List.of("maven.javadoc.skip", "maven.source.skip")) {
                    assertTrue(!"true".equals(model.getProperties().getProperty(skip)), artifactId + " sets " + skip);
                }
            }
        });
    }

    @Test
    void theInheritedUrlsAreTheProjectsNotAModulePath() {
        String url = model("xent-parent").getUrl();
        MODULES.forEach((artifactId, result) -> {
            Model model = result.getEffectiveModel();
            if (published(model)) {
                assertEquals(url, model.getUrl(), artifactId + " url");
                assertEquals(model("xent-parent").getScm().getConnection(), model.getScm().getConnection(), artifactId + " scm");
                assertEquals(model("xent-parent").getScm().getUrl(), model.getScm().getUrl(), artifactId + " scm url");
            }
        });
    }

    private static List<String> missingMetadata(String artifactId, ModelBuildingResult result) {
        Model own = result.getRawModel();
        Model effective = result.getEffectiveModel();
        List<String> problems = new ArrayList<>();
        // name and description must be the module's own: an inherited description describes the parent.
        if (blank(own.getName())) {
            problems.add(artifactId + ": no <name> in its pom");
        }
        if (blank(own.getDescription())) {
            problems.add(artifactId + ": no <description> in its pom");
        }
        if (blank(effective.getUrl())) {
            problems.add(artifactId + ": no <url>");
        }
        if (effective.getLicenses().isEmpty()) {
            problems.add(artifactId + ": no <licenses>");
        }
        for (License license : effective.getLicenses()) {
            if (!"Apache-2.0".equals(license.getName()) || blank(license.getUrl())) {
                problems.add(artifactId + ": licence " + license.getName() + " " + license.getUrl() + " is not Apache-2.0 with a url");
            }
        }
        if (effective.getScm() == null || blank(effective.getScm().getUrl()) || blank(effective.getScm().getConnection())
                || blank(effective.getScm().getDeveloperConnection())) {
            problems.add(artifactId + ": no <scm> with url, connection and developerConnection");
        }
        if (effective.getDevelopers().isEmpty() || effective.getDevelopers().stream().anyMatch(d -> blank(d.getName()))) {
            problems.add(artifactId + ": no <developers> (each with a name)");
        }
        return problems;
    }

    private static boolean published(Model model) {
        return !"true".equals(model.getProperties().getProperty("maven.deploy.skip"));
    }

    private static Model model(String artifactId) {
        ModelBuildingResult result = MODULES.get(artifactId);
        assertTrue(result != null, () -> artifactId + " is not a module of " + ROOT + "; modules: " + MODULES.keySet());
        return result.getEffectiveModel();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ModelBuildingResult effectiveModel(Path pom) throws ModelBuildingException {
        DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
        request.setPomFile(pom.toFile());
        request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
        request.setProcessPlugins(false);
        request.setTwoPhaseBuilding(false);
        request.setSystemProperties(System.getProperties());
        request.setModelResolver(new ReactorThenLocalRepositoryResolver());
        return new DefaultModelBuilderFactory().newInstance().build(request);
    }

    /**
     * Parents and imported boms (examples/library-usage imports xent-bom) come from the reactor when they
     * are xent's, else from the local repository; nothing is downloaded and nothing needs installing.
     */
    private static final class ReactorThenLocalRepositoryResolver implements ModelResolver {
        private static final Path REPOSITORY = Path.of(System.getProperty("xent.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));

        @Override
        public ModelSource2 resolveModel(String groupId, String artifactId, String version) throws UnresolvableModelException {
            if (groupId.equals("dev.xent")) {
                return new FileModelSource(reactorPom(artifactId).toFile());
            }
            Path pom = REPOSITORY.resolve(groupId.replace('.', File.separatorChar)).resolve(artifactId).resolve(version)
                    .resolve(artifactId + "-" + version + ".pom");
            if (!Files.isRegularFile(pom)) {
                throw new UnresolvableModelException("not in the local repository: " + pom, groupId, artifactId, version);
            }
            return new FileModelSource(pom.toFile());
        }

        private static Path reactorPom(String artifactId) throws UnresolvableModelException {
            try (Stream<Path> poms = Files.walk(ROOT, 3)) {
                for (Path pom : (Iterable<Path>) poms.filter(p -> p.endsWith("pom.xml") && !p.toString().contains("/target/"))::iterator) {
                    if (artifactId.equals(new DefaultModelReader().read(pom.toFile(), null).getArtifactId())) {
                        return pom;
                    }
                }
            } catch (IOException e) {
                throw new UnresolvableModelException(e.getMessage(), "dev.xent", artifactId, "", e);
            }
            throw new UnresolvableModelException("no module of " + ROOT + " is " + artifactId, "dev.xent", artifactId, "");
        }

        @Override
        public ModelSource2 resolveModel(Parent parent) throws UnresolvableModelException {
            return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
        }

        @Override
        public ModelSource2 resolveModel(Dependency dependency) throws UnresolvableModelException {
            return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
        }

        @Override
        public void addRepository(Repository repository) {
        }

        @Override
        public void addRepository(Repository repository, boolean replace) {
        }

        @Override
        public ModelResolver newCopy() {
            return this;
        }
    }
}
