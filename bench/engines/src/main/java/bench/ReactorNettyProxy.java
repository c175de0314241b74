package bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/** The bare Reactor Netty proxy: pooled client, headers copied, bodies streamed. Args: listen-port upstream-port. */
public final class ReactorNettyProxy {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String upstream = "http://127.0.0.1:" + args[1];
        HttpClient client = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(1024).build()).keepAlive(true);
        HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> client
                .request(request.method()).uri(upstream + request.uri())
                .send((out, outbound) -> {
                    out.requestHeaders().set(request.requestHeaders()).set(HttpHeaderNames.HOST, "127.0.0.1");
                    return outbound.send(request.receive().retain());
                })
                .response((in, body) -> {
                    response.status(in.status()).headers(in.responseHeaders());
                    return response.send(body.retain());
                })
                .then())
                .bindNow().onDispose().block();
    }
}
