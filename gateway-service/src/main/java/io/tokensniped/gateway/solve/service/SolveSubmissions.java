package io.tokensniped.gateway.solve.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.auth.KnownKey;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A solve submission from claim to answer: the Idempotency-Key claimed (a replay answers from the first solve, a
 * refused admission frees the key), the solve admitted ({@link SolveAdmission}), then either answered at once (async)
 * or awaited until its outcome or its deadline plus the grace. Refusals fail the Uni with the ApiException to answer.
 */
@ApplicationScoped
public class SolveSubmissions {

    private final SolveAdmission admission;
    private final IdempotentSubmissions idempotency;
    private final SolveReplays replays;
    private final Duration outcomeGrace;

    public SolveSubmissions(SolveAdmission admission, IdempotentSubmissions idempotency, SolveReplays replays,
            GatewayConfig config) {
        this.admission = admission;
        this.idempotency = idempotency;
        this.replays = replays;
        this.outcomeGrace = config.solve().outcomeGrace();
    }

    /**
     * @param async          answer as soon as the solve is admitted, without waiting for its outcome
     * @param idempotencyKey the request's Idempotency-Key, null for none
     * @param onAdmitted     told once the solve is queued (admission metrics); not for a replay, which admits nothing
     */
    public Uni<SolveAnswer> submit(KnownKey key, SolveSubmission submission, boolean async, String idempotencyKey,
            Consumer<SolveRequested> onAdmitted) {
        if (idempotencyKey == null) {
            return admission.admit(key, submission)
                    .invoke(admitted -> onAdmitted.accept(admitted.request()))
                    .flatMap(admitted -> answer(admitted, async));
        }
        return idempotency.claim(key.accountId(), idempotencyKey, idempotency.fingerprint(submission)).flatMap(claim -> {
            if (claim instanceof IdempotentSubmissions.Replay replay) {
                return replay(key, replay, submission.type(), async);
            }
            IdempotentSubmissions.Fresh fresh = (IdempotentSubmissions.Fresh) claim;
            return admission.admit(key, submission)
                    .onFailure().call(refused -> idempotency.abandon(fresh))
                    .invoke(admitted -> onAdmitted.accept(admitted.request()))
                    .call(admitted -> idempotency.admitted(fresh, admitted.request()))
                    .flatMap(admitted -> answer(admitted, async));
        });
    }

    /**
     * Admits a solve whose outcome nobody waits for on this request (the task protocol's createTask, as an async
     * native solve): the request it published.
     */
    public Uni<SolveRequested> admitUnawaited(KnownKey key, SolveSubmission submission) {
        return admission.admit(key, submission).map(SolveSubmissions::unawaited);
    }

    /** A live solve's outcome stays awaited (it frees the account's slot when it comes); a test one's need not. */
    private static SolveRequested unawaited(SolveAdmission.Admitted admitted) {
        if (admitted.request().testMode()) {
            admitted.outcome().cancel(false);
        }
        return admitted.request();
    }

    private Uni<SolveAnswer> answer(SolveAdmission.Admitted admitted, boolean async) {
        SolveRequested request = admitted.request();
        if (async) {
            return Uni.createFrom().item(new SolveAnswer.Accepted(unawaited(admitted).solveId()));
        }
        Duration patience = admitted.patience(outcomeGrace);
        return Uni.createFrom().completionStage(admitted.outcome())
                .ifNoItem().after(patience).failWith(TimeoutException::new)
                .map(outcome -> SolveAnswer.ended(request.occurredAt(), outcome))
                .onFailure(TimeoutException.class).recoverWithItem(() -> {
                    admitted.outcome().cancel(false);
                    return timedOut(request.solveId(), request.type(), request.occurredAt());
                });
    }

    /** The same solve as the first submission under this Idempotency-Key: its id at once, or its outcome. */
    private Uni<SolveAnswer> replay(KnownKey key, IdempotentSubmissions.Replay replay, SolveType type, boolean async) {
        if (async) {
            return Uni.createFrom().item(new SolveAnswer.Accepted(replay.solveId()));
        }
        return replays.outcome(key.accountId(), replay).map(outcome -> outcome
                .map(event -> SolveAnswer.ended(replay.createdAt(), event))
                .orElseGet(() -> timedOut(replay.solveId(), type, replay.createdAt())));
    }

    private static SolveAnswer timedOut(UUID solveId, SolveType type, Instant createdAt) {
        return new SolveAnswer.TimedOut(solveId, type, Duration.between(createdAt, Instant.now()).toMillis());
    }
}
