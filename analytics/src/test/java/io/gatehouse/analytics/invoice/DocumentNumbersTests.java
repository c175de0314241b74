package io.gatehouse.analytics.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.analytics.AnalyticsTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@AnalyticsTest
class DocumentNumbersTests {

    @Autowired
    DocumentNumbers numbers;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentIssuersGetEveryNumberOnceAndRolledBackOnesComeBack() throws Exception {
        jdbc.update("delete from document_number where series = 'TEST'");
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    boolean rollBack = i % 3 == 0;
                    transactions.executeWithoutResult(status -> {
                        String number = numbers.next("TEST", 2099);
                        if (rollBack) {
                            status.setRollbackOnly();
                        } else {
                            committed.add(number);
                        }
                    });
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();

        assertThat(committed).hasSize(4 * 16).doesNotHaveDuplicates();
        assertThat(committed.stream().sorted().toList()).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 64).mapToObj(n -> "TEST-2099-%06d".formatted(n)).toList());
    }
}
