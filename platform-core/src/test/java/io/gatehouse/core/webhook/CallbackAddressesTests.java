package io.gatehouse.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackAddressesTests {

    private final CallbackAddresses guarded = new CallbackAddresses(false, CallbackAddresses.Resolver.SYSTEM);
    private final CallbackAddresses open = new CallbackAddresses(true, CallbackAddresses.Resolver.SYSTEM);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "192.0.0.8", "198.18.0.1",
            "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1",
            "fd00:ec2::254", "fec0::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1",
            "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1"})
    void refusesAddressesThatAreNotPublicUnicast(String literal) throws UnknownHostException {
        assertThat(CallbackAddresses.forbiddenRange(InetAddress.getByName(literal))).as(literal).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "192.169.0.1", "198.20.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "64:ff9b::808:808",
            "2002:0808:0808::1"})
    void passesPublicAddresses(String literal) throws UnknownHostException {
        assertThat(CallbackAddresses.forbiddenRange(InetAddress.getByName(literal))).as(literal).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hooks", "https://localhost:8443/hooks", "https://[::1]/hooks",
            "https://169.254.169.254/latest/meta-data", "https://10.1.2.3/x", "https://[fd00::1]/x", "https://0.0.0.0/x"})
    void refusesPrivateTargetsUnlessAllowed(String url) {
        assertThatThrownBy(() -> guarded.check(url)).isInstanceOf(CallbackRefusedException.class)
                .hasMessageContaining("public addresses only");
        assertThat(open.check(url)).isEqualTo(URI.create(url));
    }

    @Test
    void requiresHttpsUnlessPrivateNetworksAreAllowed() {
        assertThatThrownBy(() -> guarded.check("http://93.184.215.14/hooks")).hasMessage("must be an https URL");
        assertThat(guarded.check("https://93.184.215.14/hooks")).hasHost("93.184.215.14");
        assertThat(open.check("http://127.0.0.1:8080/hooks")).hasPort(8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "/relative/path", "ftp://93.184.215.14/x", "file:///etc/passwd",
            "https://user:secret@93.184.215.14/x", "https://93.184.215.14/x#fragment", "https:///no-host",
            "gopher://93.184.215.14/"})
    void refusesMalformedUrlsEitherWay(String url) {
        assertThatThrownBy(() -> guarded.check(url)).isInstanceOf(CallbackRefusedException.class);
        assertThatThrownBy(() -> open.check(url)).isInstanceOf(CallbackRefusedException.class);
    }

    @Test
    void refusesHostsThatDoNotResolve() {
        assertThatThrownBy(() -> guarded.check("https://no-such-host.invalid/hooks"))
                .isInstanceOf(CallbackRefusedException.class).hasMessageContaining("does not resolve");
    }

    @Test
    void judgesEveryAddressANameResolvesToAndConnectsToTheOneChecked() throws UnknownHostException {
        Map<String, InetAddress[]> dns = Map.of(
                "mixed.example", new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")},
                "public.example", new InetAddress[] {InetAddress.getByName("93.184.215.14")});
        CallbackAddresses addresses = new CallbackAddresses(false, host -> {
            InetAddress[] found = dns.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found;
        });

        assertThatThrownBy(() -> addresses.check("https://mixed.example/hooks")).hasMessageContaining("10.0.0.7 (private)");
        assertThat(addresses.addressFor(URI.create("https://public.example/hooks")).getHostAddress()).isEqualTo("93.184.215.14");
    }
}
