package io.gatehouse.core.api.event;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.api.event.ChannelRules.Checked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * EVENT APIs as a whole: created with their channels and event source in one go, read with them, and
 * their event source changed. Channels one by one are {@link ChannelService}'s.
 */
@Service
@Transactional
public class EventApiService {

    private final ApiService apis;
    private final ChannelRepository channels;
    private final EventSourceStore sources;
    private final InputValidator validator;
    private final SecretSealer sealer;

    public EventApiService(ApiService apis, ChannelRepository channels, EventSourceStore sources, InputValidator validator,
                           SecretSealer sealer) {
        this.apis = apis;
        this.channels = channels;
        this.sources = sources;
        this.validator = validator;
        this.sealer = sealer;
    }

    /**
     * Creates an API from {@code POST /apis} with {@code channels} and {@code source} (both optional;
     * only EVENT APIs may have them). Every problem of the API, its channels and its source is
     * reported at once, with pointers into the request body.
     */
    public EventApi create(ApiSpec spec, List<ChannelSpec> declared, Object rawSource) {
        List<FieldProblem> problems = new ArrayList<>();
        if (spec != null && spec.type() != null && spec.type() != ApiType.EVENT) {
            requireNone(declared, rawSource, problems);
        }
        List<ChannelSpec> specs = declared == null ? List.of() : declared;
        collect(() -> validator.check(new ChannelList(specs)), problems);
        List<Checked> checked = ChannelRules.all(specs, "/channels", problems);
        EventSource source = rawSource == null ? EventSource.DEFAULT
                : withStoredSecrets(EventSourceReader.read(rawSource, "/source", problems), null, "/source", problems);
        namesKnown(source, checked.stream().filter(Objects::nonNull).map(c -> c.spec().name()).toList(), "/source", problems);
        Api api = null;
        try {
            api = apis.create(spec);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw sorted(problems);
        }
        return new EventApi(api, store(api.getId(), checked), save(api.getId(), source));
    }

    /**
     * Updates an API from {@code PUT /apis/{id}}, and replaces its event source when {@code rawSource} is
     * given (only EVENT APIs have one). Channels are not changed here: they have their own resource.
     */
    public Api update(UUID apiId, ApiSpec spec, Object rawSource) {
        Api api = apis.update(apiId, spec);
        if (rawSource != null) {
            if (api.getType() != ApiType.EVENT) {
                throw new InvalidInputException("/source", "only EVENT APIs have an event source");
            }
            changeSource(apiId, rawSource, "/source");
        }
        return api;
    }

    /** Stores the channels and source an importer has read and checked, for a new EVENT API. */
    public EventApi declareImported(Api api, List<ChannelSpec> declared, EventSource source) {
        requireEvent(api);
        List<FieldProblem> problems = new ArrayList<>();
        List<Checked> checked = ChannelRules.all(declared, "/channels", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("imported channels must be checked by the importer: " + problems);
        }
        return new EventApi(api, store(api.getId(), checked), save(api.getId(), source));
    }

    /** Reads a source from its JSON shape for an API not created yet; problems point under {@code pointer}. */
    public EventSource readSource(Object rawSource, String pointer) {
        List<FieldProblem> problems = new ArrayList<>();
        EventSource source = withStoredSecrets(EventSourceReader.read(rawSource, pointer, problems), null, pointer, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return source;
    }

    @Transactional(readOnly = true)
    public EventApi get(UUID apiId) {
        Api api = requireEvent(apis.get(apiId));
        return new EventApi(api, channels.findByApiIdOrderByNameAsc(apiId), sources.find(apiId));
    }

    @Transactional(readOnly = true)
    public EventSource source(UUID apiId) {
        return sources.find(requireEvent(apis.get(apiId)).getId());
    }

    /** Replaces the event source of an EVENT API; problems point into {@code rawSource} under {@code pointer}. */
    public EventSource changeSource(UUID apiId, Object rawSource, String pointer) {
        requireEvent(apis.get(apiId));
        List<FieldProblem> problems = new ArrayList<>();
        EventSource source = withStoredSecrets(EventSourceReader.read(rawSource, pointer, problems), sources.find(apiId),
                pointer, problems);
        namesKnown(source, channels.findByApiIdOrderByNameAsc(apiId).stream().map(Channel::getName).toList(), pointer, problems);
        if (!problems.isEmpty()) {
            throw sorted(problems);
        }
        return save(apiId, source);
    }

    /**
     * {@code given} with the secrets it sends back hidden ({@link EventSource#REDACTED}) taken from
     * {@code stored} (null for a new API); a hidden secret that cannot be taken from there is a problem, and
     * so is any secret when this Gatehouse has no key to seal it with.
     */
    private EventSource withStoredSecrets(EventSource given, EventSource stored, String pointer, List<FieldProblem> problems) {
        if (given == null) {
            return null;
        }
        EventSource source = stored == null ? given : given.keepingSecretsOf(stored);
        String hidden = source.hiddenSecretSetting();
        if (hidden != null) {
            problems.add(new FieldProblem(pointer + "/" + hidden, "holds a hidden password (" + EventSource.REDACTED
                    + ") that is not the stored one for this user and broker; send the password itself"));
        } else if (source.secretSetting() != null && !sealer.canSeal()) {
            problems.add(new FieldProblem(pointer + "/" + source.secretSetting(), "holds a password, which this Gatehouse "
                    + "cannot store: it has no secrets key to seal it with (gatehouse.secrets.key; ask its operator)"));
        }
        return source;
    }

    /** Problems for a REST API given channels or a source. */
    static void requireNone(Collection<?> declared, Object rawSource, List<FieldProblem> problems) {
        if (declared != null) {
            problems.add(new FieldProblem("/channels", "only EVENT APIs have channels"));
        }
        if (rawSource != null) {
            problems.add(new FieldProblem("/source", "only EVENT APIs have an event source"));
        }
    }

    static Api requireEvent(Api api) {
        if (api.getType() != ApiType.EVENT) {
            throw new ConflictException("only EVENT APIs have channels and an event source; API " + api.getId() + " is " + api.getType());
        }
        return api;
    }

    private static void namesKnown(EventSource source, List<String> channelNames, String pointer, List<FieldProblem> problems) {
        if (source == null) {
            return;
        }
        for (String name : source.channelNames().keySet()) {
            if (!channelNames.contains(name)) {
                problems.add(new FieldProblem(pointer + "/" + source.channelNamesSetting() + "/" + name.replace("~", "~0").replace("/", "~1"),
                        "names no channel of this API"));
            }
        }
    }

    private List<Channel> store(UUID apiId, List<Checked> checked) {
        return channels.saveAllAndFlush(checked.stream().map(c -> Channel.declare(apiId, c.spec(), c.path().text())).toList()).stream()
                .sorted(Comparator.comparing(Channel::getName)).toList();
    }

    private EventSource save(UUID apiId, EventSource source) {
        sources.save(apiId, source);
        return source;
    }

    private static void collect(Runnable check, List<FieldProblem> problems) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
    }

    private static InvalidInputException sorted(List<FieldProblem> problems) {
        return new InvalidInputException(problems.stream().distinct().sorted(Comparator.comparing(FieldProblem::pointer)).toList());
    }

    /** The {@code channels} of a request body, for Bean Validation with pointers such as {@code /channels/0/address}. */
    record ChannelList(@Size(max = 500) List<@Valid @NotNull ChannelSpec> channels) {
    }
}
