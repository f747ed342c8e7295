package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class ConcurrencyTest {
    private static final int CLIENTS = 16;
    private static final int IMAGES_EACH = 5;

    @Test
    void sixteenClientsUploadAndListWithoutErrorsOrLostImages(FakeGlance fake) throws Exception {
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(CLIENTS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    Http h = new Http(fake).as(client % 2 == 0 ? "demo" : "alt_demo");
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < IMAGES_EACH; i++) {
                        HttpResponse<byte[]> r = h.json("POST", "/v2/images", "{\"disk_format\": \"raw\", "
                                + "\"container_format\": \"bare\", \"name\": \"c" + client + "-" + i + "\"}");
                        statuses.add(r.statusCode());
                        String id = tree(r).get("id").asText();
                        created.add(id);
                        statuses.add(h.upload(id, ImagesApiTest.random(10_000 + client * 100 + i)).statusCode());
                        statuses.add(h.get("/v2/images?limit=3").statusCode());
                        statuses.add(h.send("PUT", "/v2/images/" + id + "/tags/t" + client, null).statusCode());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).allMatch(s -> s < 500).hasSize(CLIENTS * IMAGES_EACH * 4);
        assertThat(created).hasSize(CLIENTS * IMAGES_EACH).doesNotHaveDuplicates();
        Set<String> seen = new HashSet<>();
        for (String user : List.of("demo", "alt_demo")) {
            Http h = new Http(fake).as(user);
            String next = "/v2/images?limit=7";
            while (next != null) {
                JsonNode page = tree(h.get(next));
                page.get("images").forEach(i -> {
                    assertThat(i.get("status").asText()).isEqualTo("active");
                    seen.add(i.get("id").asText());
                });
                next = page.has("next") ? page.get("next").asText() : null;
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
    }
}
