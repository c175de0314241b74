package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.event.Channel;
import io.gatehouse.core.api.event.ChannelService;
import io.gatehouse.core.api.event.ChannelSpec;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/v1/apis/{apiId}/channels}: the channels of an EVENT API. Publishers declare, replace and
 * remove them; everyone who may read the API (developers: published APIs only) reads them. A channel
 * is named by its id or its name.
 */
@RestController
@RequestMapping("/api/v1/apis/{apiId}/channels")
public class ChannelController {

    private static final String READERS = "hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.inCatalog(#apiId))";

    private final ChannelService channels;

    public ChannelController(ChannelService channels) {
        this.channels = channels;
    }

    @GetMapping
    @PreAuthorize(READERS)
    public List<Channel> list(@PathVariable UUID apiId) {
        return channels.list(apiId);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<Channel> declare(@PathVariable UUID apiId, @RequestBody ChannelSpec spec) {
        Channel channel = channels.declare(apiId, spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/apis/{apiId}/channels/{id}").buildAndExpand(apiId, channel.getId()).toUri()).body(channel);
    }

    @GetMapping("/{channel}")
    @PreAuthorize(READERS)
    public Channel get(@PathVariable UUID apiId, @PathVariable String channel) {
        return channels.get(apiId, channel);
    }

    @PutMapping("/{channel}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Channel change(@PathVariable UUID apiId, @PathVariable String channel, @RequestBody ChannelSpec spec) {
        return channels.change(apiId, channel, spec);
    }

    @DeleteMapping("/{channel}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<Void> delete(@PathVariable UUID apiId, @PathVariable String channel) {
        channels.delete(apiId, channel);
        return ResponseEntity.noContent().build();
    }
}
