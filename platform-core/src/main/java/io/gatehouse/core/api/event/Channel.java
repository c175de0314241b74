package io.gatehouse.core.api.event;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A channel of an EVENT API: a named address, the path template below the API's context where the
 * gateway serves it (see {@link ChannelAddress}), its parameters and messages, and what consumers may
 * do on it ({@link ChannelDirection}).
 */
@Entity
@Table(name = "api_channel")
public class Channel {

    @Id
    private UUID id;
    private UUID apiId;
    private String name;
    private String address;
    private String path;
    private String description;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<ChannelParameter> parameters;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<ChannelMessage> messages;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] directions;
    private Instant createdAt;
    private Instant updatedAt;

    protected Channel() {
    }

    /** A new channel of {@code apiId}; {@code spec} has been checked, its parameters completed from its address. */
    static Channel declare(UUID apiId, ChannelSpec spec, String path) {
        Channel channel = new Channel();
        channel.id = UUID.randomUUID();
        channel.apiId = apiId;
        channel.createdAt = Instant.now();
        channel.apply(spec, path);
        return channel;
    }

    void apply(ChannelSpec spec, String path) {
        name = spec.nameOrAddress();
        address = spec.address();
        this.path = path;
        description = spec.description() == null || spec.description().isBlank() ? null : spec.description().strip();
        parameters = spec.parameters() == null ? List.of() : List.copyOf(spec.parameters());
        messages = spec.messages() == null ? List.of() : List.copyOf(spec.messages());
        directions = spec.directionsOrDefault().stream().map(Enum::name).toArray(String[]::new);
        updatedAt = Instant.now();
    }

    /** Whether {@code reference} names this channel: its id or its name. */
    boolean isNamed(String reference) {
        return id.toString().equalsIgnoreCase(reference) || name.equals(reference);
    }

    public UUID getId() {
        return id;
    }

    public UUID getApiId() {
        return apiId;
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }

    /** The path template below the API's context where the gateway serves this channel. */
    public String getPath() {
        return path;
    }

    public String getDescription() {
        return description;
    }

    public List<ChannelParameter> getParameters() {
        return parameters == null ? List.of() : parameters;
    }

    public List<ChannelMessage> getMessages() {
        return messages == null ? List.of() : messages;
    }

    public List<ChannelDirection> getDirections() {
        return Arrays.stream(directions).map(ChannelDirection::valueOf).toList();
    }

    public boolean allows(ChannelDirection direction) {
        return Arrays.asList(directions).contains(direction.name());
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
