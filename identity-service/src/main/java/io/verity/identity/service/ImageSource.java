package io.verity.identity.service;

import io.verity.platform.net.OutboundHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fetches a photo a caller points at ({@code image_url}) with every check against server-side request forgery
 * (libs/platform's {@link OutboundHttp}: public addresses only unless allow-listed, each redirect re-checked, time and
 * byte limits). Refusals are {@link io.verity.platform.net.OutboundRefusedException}s naming the field.
 */
@ApplicationScoped
public class ImageSource {

    @Inject
    OutboundHttp outbound;

    public byte[] fetch(String url, String field) {
        return outbound.get(url, field).body();
    }
}
