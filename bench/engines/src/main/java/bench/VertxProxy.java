package bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** The bare Vert.x proxy: pooled client, headers copied, bodies streamed. Args: listen-port upstream-port [event loops, default 2 per core]. */
public final class VertxProxy {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
        if (args.length > 2) {
            options.setEventLoopPoolSize(Integer.parseInt(args[2]));
        }
        Vertx vertx = Vertx.vertx(options);
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        vertx.createHttpServer(new HttpServerOptions()).requestHandler(request -> {
            request.pause();
            client.request(new RequestOptions().setMethod(request.method()).setHost("127.0.0.1").setPort(upstreamPort)
                            .setURI(request.uri()).setHeaders(request.headers()))
                    .compose(out -> out.send(request))
                    .onSuccess(in -> {
                        request.response().setStatusCode(in.statusCode()).headers().setAll(in.headers());
                        in.pipeTo(request.response());
                    })
                    .onFailure(error -> request.response().setStatusCode(502).end());
        }).listen(port, "127.0.0.1").await();
    }
}
