package io.gatehouse.core.api.event;

import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.event.ChannelRules.Checked;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The channels of EVENT APIs, one by one: declared, changed and removed by publishers. A channel is
 * named in URLs by its id or its name. Renaming or removing a channel renames or removes its entry in
 * the source's per-channel names ({@link EventSource#channelNames()}).
 */
@Service
@Transactional
public class ChannelService {

    private final ChannelRepository channels;
    private final EventSourceStore sources;
    private final ApiService apis;
    private final InputValidator validator;

    public ChannelService(ChannelRepository channels, EventSourceStore sources, ApiService apis, InputValidator validator) {
        this.channels = channels;
        this.sources = sources;
        this.apis = apis;
        this.validator = validator;
    }

    @Transactional(readOnly = true)
    public List<Channel> list(UUID apiId) {
        EventApiService.requireEvent(apis.get(apiId));
        return channels.findByApiIdOrderByNameAsc(apiId);
    }

    @Transactional(readOnly = true)
    public Channel get(UUID apiId, String reference) {
        return channels.findByApiIdOrderByNameAsc(apiId).stream()
                .filter(channel -> channel.isNamed(reference))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("channel", reference + " of API " + apiId));
    }

    public Channel declare(UUID apiId, ChannelSpec spec) {
        EventApiService.requireEvent(apis.get(apiId));
        Checked checked = check(spec);
        requireFree(checked, channels.findByApiIdOrderByNameAsc(apiId), null);
        return channels.saveAndFlush(Channel.declare(apiId, checked.spec(), checked.path().text()));
    }

    /** Replaces everything about a channel with {@code spec}; its id stays. */
    public Channel change(UUID apiId, String reference, ChannelSpec spec) {
        EventApiService.requireEvent(apis.get(apiId));
        Checked checked = check(spec);
        Channel channel = get(apiId, reference);
        requireFree(checked, channels.findByApiIdOrderByNameAsc(apiId), channel);
        String before = channel.getName();
        channel.apply(checked.spec(), checked.path().text());
        renameAtSource(apiId, before, channel.getName());
        return channels.saveAndFlush(channel);
    }

    public void delete(UUID apiId, String reference) {
        Channel channel = get(apiId, reference);
        channels.delete(channel);
        renameAtSource(apiId, channel.getName(), null);
    }

    private Checked check(ChannelSpec spec) {
        List<FieldProblem> extra = new ArrayList<>();
        Checked checked = ChannelRules.check(spec, "", extra);
        validator.check(spec, extra);
        return checked;
    }

    private static void requireFree(Checked checked, List<Channel> existing, Channel self) {
        String shape = checked.path().shape();
        for (Channel other : existing) {
            if (self != null && other.getId().equals(self.getId())) {
                continue;
            }
            if (other.getName().equals(checked.spec().name())) {
                throw new ConflictException("channel " + other.getName() + " already exists in this API", "/name");
            }
            if (ChannelAddress.path(other.getAddress()).shape().equals(shape)) {
                throw new ConflictException("channel " + other.getName() + " is already served at " + other.getPath(), "/address");
            }
        }
    }

    private void renameAtSource(UUID apiId, String from, String to) {
        EventSource source = sources.find(apiId);
        EventSource changed = source.channelRenamed(from, to);
        if (changed != source) {
            sources.save(apiId, changed);
        }
    }
}
