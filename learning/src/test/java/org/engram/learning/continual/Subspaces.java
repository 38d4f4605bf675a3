package org.engram.learning.continual;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** Test helpers: norms, orthonormal bases and principal angles, computed independently of the strategies. */
final class Subspaces {
    private Subspaces() {
    }

    /** Frobenius norm of B dW where B has k orthonormal rows of length n and dW is n x outputs row-major. */
    static double componentInside(double[] basis, int n, float[] update, int outputs) {
        int k = basis.length / n;
        double sum = 0;
        for (int b = 0; b < k; b++) {
            for (int o = 0; o < outputs; o++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += basis[b * n + i] * update[i * outputs + o];
                }
                sum += dot * dot;
            }
        }
        return Math.sqrt(sum);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** Orthonormal basis (k x n, as a matrix) of the row space of the given rows, by SVD. */
    static double[][] orthonormalRows(double[] rows, int n) {
        int k = rows.length / n;
        double[][] m = new double[n][k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                m[i][j] = rows[j * n + i];
            }
        }
        double[][] u = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getU().getData();
        double[][] q = new double[k][n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = u[i][j];
            }
        }
        return q;
    }

    /** The sine of the largest principal angle between two subspaces given by orthonormal rows of equal count. */
    static double maxSine(double[][] a, double[][] b) {
        int n = a[0].length;
        double[][] c = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                for (int t = 0; t < n; t++) {
                    c[i][j] += a[i][t] * b[j][t];
                }
            }
        }
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(c, false)).getSingularValues();
        double minCos = Math.min(1, s[s.length - 1]);
        return Math.sqrt(Math.max(0, 1 - minCos * minCos));
    }

    /** ||(I - Q^T Q) x|| for orthonormal rows Q (flattened, rows of length n). */
    static double residual(double[] q, int n, float[] x) {
        int k = q.length / n;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i];
        }
        for (int b = 0; b < k; b++) {
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += q[b * n + i] * x[i];
            }
            for (int i = 0; i < n; i++) {
                r[i] -= dot * q[b * n + i];
            }
        }
        double s = 0;
        for (double v : r) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Old-task responses W^T x for every sample, flattened. */
    static double[] responses(ToyLinearModel model, SampleSet data) {
        double[] z = new double[data.size() * model.outputs];
        for (int s = 0; s < data.size(); s++) {
            System.arraycopy(model.logits(data.input(s)), 0, z, s * model.outputs, model.outputs);
        }
        return z;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * Checks, per old sample x, that training the second task changed W^T x by no more than a bound
     * derived from the projection, and returns the relative change over all old samples.
     *
     * <p>Each applied update dW_t is the projection of the optimiser's update orthogonal to span(Q),
     * exact up to 3e-7 ||dW_t|| (one float rounding per element after a double projection), so
     * ||dW_t^T x|| <= ||dW_t||_F (||(I - Q^T Q) x|| + 3e-7 ||x||). Storing W + dW in float adds an error
     * of at most 2^-24 ||W_t||_F per element-wise step, and ||W_t||_F <= ||W_start||_F + sum ||dW||_F.
     * Summed over the task's steps:
     * ||delta W^T x|| <= S (r(x) + 3e-7 ||x||) + steps 2^-24 (||W_start||_F + S) ||x||, S = sum_t ||dW_t||_F.
     */
    static double checkedRelativeChange(double[] q, int n, SampleSet old, double[] before, double[] after,
            int outputs, ToyTrainer trainer, double startNorm) {
        double sum = trainer.appliedNormSum;
        double total = 0;
        for (int s = 0; s < old.size(); s++) {
            double change = 0;
            for (int o = 0; o < outputs; o++) {
                double d = after[s * outputs + o] - before[s * outputs + o];
                change += d * d;
            }
            change = Math.sqrt(change);
            double xNorm = norm(old.input(s));
            double bound = sum * (residual(q, n, old.input(s)) + 3e-7 * xNorm)
                    + trainer.steps * 0x1p-24 * (startNorm + sum) * xNorm;
            if (!(change <= bound)) {
                throw new AssertionError("sample " + s + ": change " + change + " > bound " + bound);
            }
            total += change * change;
        }
        return Math.sqrt(total) / norm(before);
    }
}
