package dev.boomerang.admin.internal;

import dev.boomerang.insight.ModelFitException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem responses for the insight endpoints. */
@RestControllerAdvice(assignableTypes = InsightController.class)
class InsightProblems {

    @ExceptionHandler
    ProblemDetail badParameter(InsightController.BadParameter ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(URI.create("https://boomerang.dev/problems/invalid-parameter"));
        problem.setTitle("Invalid query parameter");
        problem.setProperty("parameter", ex.parameter);
        return problem;
    }

    /** 409 while another fit runs (send again later); 422 when the store's history cannot support a fit. */
    @ExceptionHandler
    ProblemDetail cannotFit(ModelFitException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                ex.busy() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setTitle(ex.busy() ? "A fit is running" : "Not enough history to fit the models");
        return problem;
    }
}
