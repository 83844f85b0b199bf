package fr.bacasable.review;

import fr.bacasable.review.internal.ReviewRepository;
import java.util.List;
import org.springframework.stereotype.Service;

/** What other modules may read of the reviews: an application's scorings, oldest first. */
@Service
public class ReviewDirectory {

    private final ReviewRepository reviews;

    ReviewDirectory(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    public List<Review> reviewsOf(String applicationId) {
        return reviews.findByApplication(applicationId);
    }
}
