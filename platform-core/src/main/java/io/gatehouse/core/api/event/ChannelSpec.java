package io.gatehouse.core.api.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A channel as a publisher declares it, or as an import reads it: the wire shape of
 * {@code POST /apis/{id}/channels} and of each entry of {@code channels} in {@code POST /apis}, where a
 * bare string is the address. {@code name} defaults to the address; {@code directions} to
 * {@code [SUBSCRIBE]}; parameters not described are taken from the address.
 */
public record ChannelSpec(
        @Size(max = 2000) String name,
        @NotBlank @Size(max = 2000) String address,
        @Size(max = 4000) String description,
        @Size(max = 2) List<@NotNull ChannelDirection> directions,
        @Size(max = 50) List<@Valid @NotNull ChannelParameter> parameters,
        @Size(max = 100) List<@Valid @NotNull ChannelMessage> messages) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ChannelSpec {
    }

    /** A channel named by its address, for consumers to subscribe to, with nothing else said. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChannelSpec of(String address) {
        return new ChannelSpec(null, address, null, null, null, null);
    }

    /** The name, or the address when none was given. */
    public String nameOrAddress() {
        return name == null || name.isBlank() ? address : name.strip();
    }

    /** The directions, {@code [SUBSCRIBE]} when none were given. */
    public List<ChannelDirection> directionsOrDefault() {
        return directions == null ? List.of(ChannelDirection.SUBSCRIBE) : directions.stream().distinct().toList();
    }
}
