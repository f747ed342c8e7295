package consumer;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;

import java.util.List;
import java.util.stream.Collectors;

/** What an application would write: publish an image and list the names it can see. */
public final class ImageCatalog {

    private final ImageService images;

    public ImageCatalog(ImageService images) {
        this.images = images;
    }

    public Image publish(String name, byte[] content) {
        ImageSpec spec = ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build();
        return images.createAndUpload(spec, ImageData.fromBytes(content), TransferListener.NONE);
    }

    public List<String> names() {
        return images.list(ImageQuery.all()).stream().map(Image::name).sorted().collect(Collectors.toList());
    }
}
