package consumer;

import dev.imagesdk.ImageService;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static dev.imagesdk.assertj.ImageSdkAssertions.assertThat;

@ExtendWith(FakeGlanceExtension.class)
class ImageCatalogTest {

    @Test
    void publishedImageIsActiveWithItsChecksumAndListed(ImageService images, FakeGlance fake) {
        byte[] content = "a consumer's image".getBytes(StandardCharsets.UTF_8);
        ImageCatalog catalog = new ImageCatalog(images);

        Image image = catalog.publish("consumer-image", content);

        assertThat(image).isActive().hasName("consumer-image").hasChecksumOf(content);
        assertThat(catalog.names()).containsExactly("consumer-image");
        assertThat(fake.requests()).anySatisfy(r ->
                assertThat(r.headers().get("user-agent")).singleElement().asString()
                        .startsWith("image-sdk/").doesNotEndWith("/dev"));
    }
}
